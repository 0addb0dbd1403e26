package dev.atrium.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.model.workload.Workload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The rendered manifest, parsed back with a YAML parser: every object and field that matters. */
class AgentManifestTest {

  static final String VIEW = "https://hub.example:6443/services/syncer/root:acme/pc1";

  static AgentManifest.Input input(List<String> groups, boolean escalate) {
    return new AgentManifest.Input(
        "pc1",
        "root:acme",
        VIEW,
        Setup.CA_PEM.getBytes(StandardCharsets.US_ASCII),
        false,
        "the-token",
        "atrium/sync-agent:1.2.3",
        groups,
        escalate);
  }

  static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(yaml)) {
      docs.add(cast(doc));
    }
    return docs;
  }

  @SuppressWarnings("unchecked")
  static <T> T cast(Object o) {
    return (T) o;
  }

  static Object at(Object node, String... path) {
    Object o = node;
    for (String p : path) {
      o = o instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<?, ?>) o).get(p);
    }
    return o;
  }

  private final List<Map<String, Object>> docs =
      parse(new AgentManifest(input(List.of(), false)).yaml());

  private Map<String, Object> doc(String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
  }

  @Test
  void oneDocumentPerObjectInApplyOrder() {
    List<String> kinds =
        docs.stream().map(d -> d.get("kind") + "/" + at(d, "metadata", "name")).toList();
    assertEquals(
        List.of(
            "Namespace/atrium-system",
            "ServiceAccount/atrium-syncer",
            "ClusterRole/atrium-syncer",
            "ClusterRoleBinding/atrium-syncer",
            "Secret/atrium-hub-kubeconfig",
            "Deployment/atrium-syncer"),
        kinds);
    for (Map<String, Object> d : docs) {
      String kind = (String) d.get("kind");
      boolean namespaced =
          !List.of("Namespace", "ClusterRole", "ClusterRoleBinding").contains(kind);
      assertEquals(namespaced ? "atrium-system" : null, at(d, "metadata", "namespace"), kind);
      assertEquals("atrium", at(d, "metadata", "labels", "app.kubernetes.io/part-of"), kind);
      assertEquals("root:acme/pc1", at(d, "metadata", "annotations", "atrium.dev/sync-target"));
      // the agent deletes everything carrying the target label on deregistration
      assertNull(at(d, "metadata", "labels", Workload.SYNC_TARGET_LABEL), kind);
    }
    assertEquals("v1", doc("Namespace").get("apiVersion"));
    assertEquals("apps/v1", doc("Deployment").get("apiVersion"));
    assertEquals("rbac.authorization.k8s.io/v1", doc("ClusterRole").get("apiVersion"));
  }

  @Test
  void noYamlAliasesAndARestrictedNamespace() {
    String yaml = new AgentManifest(input(List.of(), false)).yaml();
    assertFalse(yaml.contains("&id"), yaml);
    assertFalse(yaml.contains("*id"), yaml);
    assertEquals(
        "restricted",
        at(doc("Namespace"), "metadata", "labels", "pod-security.kubernetes.io/enforce"));
  }

  @Test
  void renderingIsDeterministic() {
    assertEquals(
        new AgentManifest(input(List.of(), false)).yaml(),
        new AgentManifest(input(List.of(), false)).yaml());
  }

  @Test
  void secretHoldsTheHubKubeconfigForTheView() {
    Map<String, Object> secret = doc("Secret");
    assertEquals("Opaque", secret.get("type"));
    String encoded = (String) at(secret, "data", "kubeconfig");
    Map<String, Object> kc =
        cast(
            new Yaml()
                .load(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)));
    assertEquals("Config", kc.get("kind"));
    assertEquals("pc1", kc.get("current-context"));
    assertEquals("pc1", at(kc, "contexts", "0", "name"));
    assertEquals("pc1", at(kc, "contexts", "0", "context", "cluster"));
    String user = (String) at(kc, "contexts", "0", "context", "user");
    assertEquals(user, at(kc, "users", "0", "name"));
    assertEquals("the-token", at(kc, "users", "0", "user", "token"));
    assertEquals("pc1", at(kc, "clusters", "0", "name"));
    assertEquals(VIEW, at(kc, "clusters", "0", "cluster", "server"));
    assertEquals(
        Setup.CA_PEM,
        new String(
            Base64.getDecoder()
                .decode((String) at(kc, "clusters", "0", "cluster", "certificate-authority-data")),
            StandardCharsets.US_ASCII));
    assertNull(at(kc, "clusters", "0", "cluster", "insecure-skip-tls-verify"));
  }

  @Test
  void withoutCaAnInsecureKubeconfigStaysInsecure() {
    AgentManifest.Input in = input(List.of(), false);
    AgentManifest m =
        new AgentManifest(
            new AgentManifest.Input(
                in.target(),
                in.workspace(),
                in.viewUrl(),
                null,
                true,
                in.token(),
                in.image(),
                in.customResourceGroups(),
                false));
    Map<String, Object> kc = cast(new Yaml().load(m.hubKubeconfig()));
    assertEquals(true, at(kc, "clusters", "0", "cluster", "insecure-skip-tls-verify"));
    assertNull(at(kc, "clusters", "0", "cluster", "certificate-authority-data"));
  }

  @Test
  void deploymentRunsOneHardenedAgent() {
    Map<String, Object> d = doc("Deployment");
    assertEquals(1, at(d, "spec", "replicas"));
    assertEquals("Recreate", at(d, "spec", "strategy", "type"));
    Map<String, Object> selector = cast(at(d, "spec", "selector", "matchLabels"));
    Map<String, Object> podLabels = cast(at(d, "spec", "template", "metadata", "labels"));
    assertTrue(podLabels.entrySet().containsAll(selector.entrySet()));
    Map<String, Object> pod = cast(at(d, "spec", "template", "spec"));
    assertEquals("atrium-syncer", pod.get("serviceAccountName"));
    assertEquals(true, at(pod, "securityContext", "runAsNonRoot"));
    Map<String, Object> c = cast(at(pod, "containers", "0"));
    assertEquals("atrium/sync-agent:1.2.3", c.get("image"));
    assertEquals(
        List.of("--hub-kubeconfig=/etc/atrium/hub/kubeconfig", "--sync-target=pc1"), c.get("args"));
    assertEquals("health", at(c, "ports", "0", "name"));
    assertEquals(8081, at(c, "ports", "0", "containerPort"));
    assertEquals("/livez", at(c, "livenessProbe", "httpGet", "path"));
    assertEquals("health", at(c, "livenessProbe", "httpGet", "port"));
    assertEquals("/readyz", at(c, "readinessProbe", "httpGet", "path"));
    assertEquals("health", at(c, "readinessProbe", "httpGet", "port"));
    assertEquals("100m", at(c, "resources", "requests", "cpu"));
    assertEquals("256Mi", at(c, "resources", "requests", "memory"));
    assertEquals("1", at(c, "resources", "limits", "cpu"));
    assertEquals("512Mi", at(c, "resources", "limits", "memory"));
    assertEquals(true, at(c, "securityContext", "runAsNonRoot"));
    assertEquals(true, at(c, "securityContext", "readOnlyRootFilesystem"));
    assertEquals(false, at(c, "securityContext", "allowPrivilegeEscalation"));
    assertEquals(List.of("ALL"), at(c, "securityContext", "capabilities", "drop"));
    // the Secret mounted read-only where --hub-kubeconfig points
    Map<String, Object> mount = cast(at(c, "volumeMounts", "0"));
    assertEquals("/etc/atrium/hub", mount.get("mountPath"));
    assertEquals(true, mount.get("readOnly"));
    Map<String, Object> volume = cast(at(pod, "volumes", "0"));
    assertEquals(mount.get("name"), volume.get("name"));
    assertEquals("atrium-hub-kubeconfig", at(volume, "secret", "secretName"));
    // a writable /tmp: the root file system is read-only
    assertEquals("/tmp", at(c, "volumeMounts", "1", "mountPath"));
    assertTrue(((Map<?, ?>) at(pod, "volumes", "1")).containsKey("emptyDir"));
  }

  @Test
  void bindingGivesTheRoleToTheAgentServiceAccount() {
    Map<String, Object> b = doc("ClusterRoleBinding");
    assertEquals("ClusterRole", at(b, "roleRef", "kind"));
    assertEquals("atrium-syncer", at(b, "roleRef", "name"));
    assertEquals("ServiceAccount", at(b, "subjects", "0", "kind"));
    assertEquals("atrium-syncer", at(b, "subjects", "0", "name"));
    assertEquals("atrium-system", at(b, "subjects", "0", "namespace"));
  }

  /** The verbs the role grants on group/resource, from all its rules. */
  static List<String> verbs(Map<String, Object> role, String group, String resource) {
    List<String> verbs = new ArrayList<>();
    for (Object r : (List<?>) role.get("rules")) {
      Map<String, Object> rule = cast(r);
      List<?> groups = (List<?>) rule.get("apiGroups");
      List<?> resources = (List<?>) rule.get("resources");
      if ((groups.contains(group) || groups.contains("*"))
          && (resources.contains(resource) || resources.contains("*"))) {
        for (Object v : (List<?>) rule.get("verbs")) {
          if (!verbs.contains(v)) {
            verbs.add((String) v);
          }
        }
      }
    }
    return verbs;
  }

  @Test
  void roleCoversWhatTheAgentManagesDownstream() {
    Map<String, Object> role = doc("ClusterRole");
    List<String> all =
        List.of("create", "get", "list", "watch", "update", "patch", "delete", "deletecollection");
    String[][] managed = {
      {"", "namespaces"},
      {"", "configmaps"},
      {"", "secrets"},
      {"", "serviceaccounts"},
      {"", "services"},
      {"", "pods"},
      {"", "events"},
      {"", "persistentvolumeclaims"},
      {"", "limitranges"},
      {"", "resourcequotas"},
      {"apps", "deployments"},
      {"apps", "statefulsets"},
      {"apps", "daemonsets"},
      {"batch", "jobs"},
      {"batch", "cronjobs"},
      {"networking.k8s.io", "ingresses"},
      {"networking.k8s.io", "networkpolicies"},
      {"policy", "poddisruptionbudgets"},
      {"autoscaling", "horizontalpodautoscalers"},
      {"rbac.authorization.k8s.io", "roles"},
      {"rbac.authorization.k8s.io", "clusterroles"},
      {"rbac.authorization.k8s.io", "rolebindings"},
      {"rbac.authorization.k8s.io", "clusterrolebindings"},
      {"apiextensions.k8s.io", "customresourcedefinitions"},
      {"example.com", "widgets"}
    };
    for (String[] gr : managed) {
      assertTrue(verbs(role, gr[0], gr[1]).containsAll(all), gr[0] + "/" + gr[1]);
    }
    assertTrue(verbs(role, "apps", "deployments/status").contains("get"));
    assertTrue(verbs(role, "", "pods/status").contains("get"));
    assertTrue(verbs(role, "", "nodes").contains("list"));
    assertFalse(verbs(role, "rbac.authorization.k8s.io", "clusterroles").contains("escalate"));
    assertFalse(verbs(role, "rbac.authorization.k8s.io", "roles").contains("bind"));
    // never more than the plain verbs, even on the broad custom-resource rule
    assertFalse(verbs(role, "", "pods").contains("impersonate"));
    assertFalse(verbs(role, "", "pods").contains("*"));
  }

  @Test
  void customResourceGroupsNarrowTheBroadRule() {
    Map<String, Object> role =
        parse(new AgentManifest(input(List.of("example.com", "acme.io"), false)).yaml()).get(2);
    assertTrue(verbs(role, "example.com", "widgets").contains("create"));
    assertTrue(verbs(role, "acme.io", "gadgets").contains("delete"));
    assertTrue(verbs(role, "other.org", "things").isEmpty());
    assertTrue(verbs(role, "", "nodes").equals(List.of("get", "list", "watch")));
    assertTrue(
        verbs(role, "admissionregistration.k8s.io", "validatingwebhookconfigurations").isEmpty());
    for (Object r : (List<?>) role.get("rules")) {
      assertFalse(((List<?>) ((Map<?, ?>) r).get("apiGroups")).contains("*"));
    }
  }

  @Test
  void escalationIsOptIn() {
    Map<String, Object> role = parse(new AgentManifest(input(List.of(), true)).yaml()).get(2);
    assertTrue(
        verbs(role, "rbac.authorization.k8s.io", "clusterroles")
            .containsAll(List.of("escalate", "bind")));
    assertTrue(
        verbs(role, "rbac.authorization.k8s.io", "roles").containsAll(List.of("escalate", "bind")));
    assertFalse(verbs(role, "rbac.authorization.k8s.io", "rolebindings").contains("escalate"));
  }

  @Test
  void headerWarnsThatTheFileHoldsAToken() {
    String yaml = new AgentManifest(input(List.of(), false)).yaml();
    assertTrue(
        yaml.startsWith("# Atrium sync agent for SyncTarget \"pc1\" of workspace root:acme."));
    assertTrue(yaml.contains("keep this file private"));
    assertEquals(6, yaml.lines().filter(l -> l.equals("---")).count());
  }
}
