package dev.atrium.cli.cluster;

import dev.atrium.cli.common.Printer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifest {@code kubectl atrium cluster register} renders for the physical cluster: one
 * multi-document YAML that {@code kubectl apply -f} installs the sync agent with.
 *
 * <p>Namespace {@code atrium-system}; ServiceAccount, ClusterRole and ClusterRoleBinding {@code
 * atrium-syncer}; Secret {@code atrium-hub-kubeconfig} (the hub kubeconfig under {@code
 * kubeconfig}); Deployment {@code atrium-syncer}. One agent per physical cluster: a manifest for
 * another target replaces it.
 */
public final class AgentManifest {

  public static final String NAMESPACE = "atrium-system";
  public static final String NAME = "atrium-syncer";
  public static final String SECRET = "atrium-hub-kubeconfig";
  public static final String SECRET_KEY = "kubeconfig";
  public static final String HUB_DIR = "/etc/atrium/hub";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String HEALTH_PORT_NAME = "health";
  public static final int HEALTH_PORT = 8081;

  /** On every object of the manifest: {@code <workspace>/<target>} it was rendered for. */
  public static final String TARGET_ANNOTATION = "atrium.dev/sync-target";

  /** The agent's user and group: any non-root id works; the image must not need root. */
  static final long RUN_AS = 65532;

  /** What the agent does to the kinds it manages (deletecollection: its clean-up by label). */
  private static final List<String> ALL_VERBS =
      List.of("create", "get", "list", "watch", "update", "patch", "delete", "deletecollection");

  private static final List<String> READ = List.of("get", "list", "watch");

  /**
   * What goes into the manifest.
   *
   * @param target the SyncTarget's name
   * @param workspace the workspace it is registered in
   * @param viewUrl the server of the hub kubeconfig: the syncer view of the target
   * @param caPem the hub's CA (PEM), null to use the agent's system trust store
   * @param insecure skip TLS verification of the hub (only when the user's kubeconfig does)
   * @param token the agent's ServiceAccount token
   * @param image the agent image
   * @param customResourceGroups API groups of custom resources the agent may manage; empty means
   *     every group (see {@link #clusterRole})
   * @param rbacEscalation grant {@code escalate} and {@code bind} on (Cluster)Roles
   */
  public record Input(
      String target,
      String workspace,
      String viewUrl,
      byte[] caPem,
      boolean insecure,
      String token,
      String image,
      List<String> customResourceGroups,
      boolean rbacEscalation) {}

  private final Input in;

  public AgentManifest(Input in) {
    this.in = in;
  }

  /** The manifest's objects, in apply order. */
  public List<Map<String, Object>> documents() {
    List<Map<String, Object>> docs = new ArrayList<>();
    docs.add(namespace());
    docs.add(serviceAccount());
    docs.add(clusterRole());
    docs.add(clusterRoleBinding());
    docs.add(secret());
    docs.add(deployment());
    return docs;
  }

  /** The manifest as multi-document YAML, with a header comment. */
  public String yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndicatorIndent(0);
    options.setExplicitStart(true);
    String header =
        "# Atrium sync agent for SyncTarget \""
            + in.target()
            + "\" of workspace "
            + in.workspace()
            + ".\n# Install it on the physical cluster: kubectl apply -f <this file>\n"
            + "# The Secret holds a token for the hub: keep this file private.\n";
    return header + new Yaml(options).dumpAll(documents().iterator());
  }

  /** The kubeconfig the agent uses for the hub: the view URL, the CA and the token. */
  public String hubKubeconfig() {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("server", in.viewUrl());
    if (in.caPem() != null) {
      cluster.put("certificate-authority-data", Base64.getEncoder().encodeToString(in.caPem()));
    } else if (in.insecure()) {
      cluster.put("insecure-skip-tls-verify", true);
    }
    String user = NAME + "-" + in.target();
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("cluster", in.target());
    context.put("user", user);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    config.put("clusters", List.of(map("name", in.target(), "cluster", cluster)));
    config.put("contexts", List.of(map("name", in.target(), "context", context)));
    config.put("current-context", in.target());
    config.put("users", List.of(map("name", user, "user", Map.of("token", in.token()))));
    return Printer.yaml(config);
  }

  /** The agent's namespace, with Pod Security "restricted" enforced (the agent meets it). */
  Map<String, Object> namespace() {
    Map<String, Object> namespace = object("v1", "Namespace", NAMESPACE, null);
    Map<String, Object> labels = labelsOf(namespace);
    labels.put("pod-security.kubernetes.io/enforce", "restricted");
    return namespace;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labelsOf(Map<String, Object> object) {
    return (Map<String, Object>) ((Map<String, Object>) object.get("metadata")).get("labels");
  }

  Map<String, Object> serviceAccount() {
    return object("v1", "ServiceAccount", NAME, NAMESPACE);
  }

  /**
   * Least privilege for what the agent does downstream: manage the synced kinds (namespaces, the
   * built-in workload kinds, CRDs and custom resources), read their status, read nodes (capacity).
   * Custom resources: every API group unless {@code customResourceGroups} narrows it; Kubernetes
   * RBAC cannot say "every group but the built-in ones", so the broad rule covers all groups.
   */
  Map<String, Object> clusterRole() {
    List<Object> rules = new ArrayList<>();
    rules.add(
        rule(
            "",
            List.of(
                "namespaces",
                "configmaps",
                "secrets",
                "serviceaccounts",
                "services",
                "pods",
                "events",
                "persistentvolumeclaims",
                "limitranges",
                "resourcequotas"),
            ALL_VERBS));
    rules.add(
        rule(
            "",
            List.of(
                "namespaces/status",
                "services/status",
                "pods/status",
                "persistentvolumeclaims/status",
                "resourcequotas/status"),
            READ));
    rules.add(rule("", List.of("nodes"), READ));
    rules.add(rule("events.k8s.io", List.of("events"), ALL_VERBS));
    rules.add(
        rule(
            "apps",
            List.of("deployments", "statefulsets", "daemonsets", "replicasets"),
            ALL_VERBS));
    rules.add(
        rule(
            "apps",
            List.of(
                "deployments/status",
                "statefulsets/status",
                "daemonsets/status",
                "replicasets/status"),
            READ));
    rules.add(rule("batch", List.of("jobs", "cronjobs"), ALL_VERBS));
    rules.add(rule("batch", List.of("jobs/status", "cronjobs/status"), READ));
    rules.add(
        rule(
            "networking.k8s.io",
            List.of("ingresses", "ingressclasses", "networkpolicies"),
            ALL_VERBS));
    rules.add(rule("networking.k8s.io", List.of("ingresses/status"), READ));
    rules.add(rule("policy", List.of("poddisruptionbudgets"), ALL_VERBS));
    rules.add(rule("policy", List.of("poddisruptionbudgets/status"), READ));
    rules.add(rule("autoscaling", List.of("horizontalpodautoscalers"), ALL_VERBS));
    rules.add(rule("autoscaling", List.of("horizontalpodautoscalers/status"), READ));
    rules.add(
        rule(
            "rbac.authorization.k8s.io",
            List.of("roles", "rolebindings", "clusterroles", "clusterrolebindings"),
            ALL_VERBS));
    if (in.rbacEscalation()) {
      rules.add(
          rule(
              "rbac.authorization.k8s.io",
              List.of("roles", "clusterroles"),
              List.of("escalate", "bind")));
    }
    rules.add(rule("apiextensions.k8s.io", List.of("customresourcedefinitions"), ALL_VERBS));
    List<String> groups =
        in.customResourceGroups().isEmpty() ? List.of("*") : in.customResourceGroups();
    Map<String, Object> custom = new LinkedHashMap<>();
    custom.put("apiGroups", groups);
    custom.put("resources", List.of("*"));
    custom.put("verbs", new ArrayList<>(ALL_VERBS));
    rules.add(custom);
    Map<String, Object> role = object("rbac.authorization.k8s.io/v1", "ClusterRole", NAME, null);
    role.put("rules", rules);
    return role;
  }

  Map<String, Object> clusterRoleBinding() {
    Map<String, Object> binding =
        object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", NAME, null);
    Map<String, Object> roleRef = new LinkedHashMap<>();
    roleRef.put("apiGroup", "rbac.authorization.k8s.io");
    roleRef.put("kind", "ClusterRole");
    roleRef.put("name", NAME);
    binding.put("roleRef", roleRef);
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("kind", "ServiceAccount");
    subject.put("name", NAME);
    subject.put("namespace", NAMESPACE);
    binding.put("subjects", List.of(subject));
    return binding;
  }

  Map<String, Object> secret() {
    Map<String, Object> secret = object("v1", "Secret", SECRET, NAMESPACE);
    secret.put("type", "Opaque");
    String kubeconfig = hubKubeconfig();
    secret.put(
        "data",
        Map.of(
            SECRET_KEY,
            Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8))));
    return secret;
  }

  Map<String, Object> deployment() {
    Map<String, Object> deployment = object("apps/v1", "Deployment", NAME, NAMESPACE);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", 1);
    // never two agents for one target, not even during a rollout
    spec.put("strategy", Map.of("type", "Recreate"));
    spec.put("selector", Map.of("matchLabels", selector()));
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("metadata", Map.of("labels", podLabels()));
    template.put("spec", podSpec());
    spec.put("template", template);
    deployment.put("spec", spec);
    return deployment;
  }

  private Map<String, Object> podSpec() {
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("serviceAccountName", NAME);
    Map<String, Object> podSecurity = new LinkedHashMap<>();
    podSecurity.put("runAsNonRoot", true);
    podSecurity.put("runAsUser", RUN_AS);
    podSecurity.put("runAsGroup", RUN_AS);
    podSecurity.put("fsGroup", RUN_AS);
    podSecurity.put("seccompProfile", Map.of("type", "RuntimeDefault"));
    pod.put("securityContext", podSecurity);
    pod.put("terminationGracePeriodSeconds", 30);
    pod.put("containers", List.of(container()));
    Map<String, Object> secretVolume = new LinkedHashMap<>();
    secretVolume.put("secretName", SECRET);
    secretVolume.put("defaultMode", 0440);
    List<Object> volumes = new ArrayList<>();
    volumes.add(volume("hub-kubeconfig", "secret", secretVolume));
    volumes.add(volume("tmp", "emptyDir", Map.of()));
    pod.put("volumes", volumes);
    return pod;
  }

  private Map<String, Object> container() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", "sync-agent");
    c.put("image", in.image());
    c.put("imagePullPolicy", "IfNotPresent");
    c.put(
        "args",
        List.of("--hub-kubeconfig=" + HUB_DIR + "/" + SECRET_KEY, "--sync-target=" + in.target()));
    Map<String, Object> port = new LinkedHashMap<>();
    port.put("name", HEALTH_PORT_NAME);
    port.put("containerPort", HEALTH_PORT);
    port.put("protocol", "TCP");
    c.put("ports", List.of(port));
    c.put("livenessProbe", probe("/livez", 15, 20, 3));
    c.put("readinessProbe", probe("/readyz", 5, 10, 3));
    Map<String, Object> resources = new LinkedHashMap<>();
    resources.put("requests", map("cpu", "100m", "memory", "256Mi"));
    resources.put("limits", map("cpu", "1", "memory", "512Mi"));
    c.put("resources", resources);
    Map<String, Object> security = new LinkedHashMap<>();
    security.put("runAsNonRoot", true);
    security.put("allowPrivilegeEscalation", false);
    security.put("readOnlyRootFilesystem", true);
    security.put("privileged", false);
    security.put("capabilities", Map.of("drop", List.of("ALL")));
    c.put("securityContext", security);
    List<Object> mounts = new ArrayList<>();
    Map<String, Object> hub = new LinkedHashMap<>();
    hub.put("name", "hub-kubeconfig");
    hub.put("mountPath", HUB_DIR);
    hub.put("readOnly", true);
    mounts.add(hub);
    Map<String, Object> tmp = new LinkedHashMap<>();
    tmp.put("name", "tmp");
    tmp.put("mountPath", "/tmp");
    mounts.add(tmp);
    c.put("volumeMounts", mounts);
    return c;
  }

  private static Map<String, Object> probe(
      String path, int initialDelay, int period, int failures) {
    Map<String, Object> get = new LinkedHashMap<>();
    get.put("path", path);
    get.put("port", HEALTH_PORT_NAME);
    Map<String, Object> probe = new LinkedHashMap<>();
    probe.put("httpGet", get);
    probe.put("initialDelaySeconds", initialDelay);
    probe.put("periodSeconds", period);
    probe.put("timeoutSeconds", 5);
    probe.put("failureThreshold", failures);
    return probe;
  }

  /** Two entries in this order (Map.of has none). */
  private static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static Map<String, Object> volume(String name, String kind, Object source) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", name);
    v.put(kind, source);
    return v;
  }

  private static Map<String, Object> rule(
      String group, List<String> resources, List<String> verbs) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("apiGroups", List.of(group));
    rule.put("resources", resources);
    rule.put("verbs", new ArrayList<>(verbs)); // a copy each: shared lists become YAML aliases
    return rule;
  }

  private Map<String, Object> selector() {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", NAME);
    labels.put(PART_OF, "atrium");
    return labels;
  }

  private Map<String, Object> podLabels() {
    Map<String, Object> labels = selector();
    labels.put("app.kubernetes.io/component", "sync-agent");
    return labels;
  }

  /**
   * An object with the common labels. Never {@code workload.atrium.dev/sync-target}: the agent
   * deletes everything carrying it when its target is deregistered, itself included.
   */
  private Map<String, Object> object(
      String apiVersion, String kind, String name, String namespace) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", NAME);
    labels.put(PART_OF, "atrium");
    labels.put("app.kubernetes.io/managed-by", "kubectl-atrium");
    metadata.put("labels", labels);
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put(TARGET_ANNOTATION, in.workspace() + "/" + in.target());
    metadata.put("annotations", annotations);
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    object.put("metadata", metadata);
    return object;
  }
}
