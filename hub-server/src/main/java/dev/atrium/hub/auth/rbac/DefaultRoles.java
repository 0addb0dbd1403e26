package dev.atrium.hub.auth.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The user-facing ClusterRoles every workspace starts with, as upstream's bootstrap policy:
 * cluster-admin, and admin/edit/view aggregated (admin ⊇ edit ⊇ view) from the {@code
 * system:aggregate-to-*} roles through {@code rbac.authorization.k8s.io/aggregate-to-*} labels.
 */
public final class DefaultRoles {

  public static final String BOOTSTRAP_LABEL = "kubernetes.io/bootstrapping";
  public static final String BOOTSTRAP_VALUE = "rbac-defaults";
  static final String AGGREGATE_PREFIX = "rbac.authorization.k8s.io/aggregate-to-";

  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> WRITE =
      List.of("create", "delete", "deletecollection", "patch", "update");
  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private DefaultRoles() {}

  /** The default roles' rules as JSON and as parsed, by role name. */
  private static final class Known {
    static final Map<String, Map.Entry<JsonNode, List<PolicyRule>>> RULES = build();

    private static Map<String, Map.Entry<JsonNode, List<PolicyRule>>> build() {
      Map<String, Map.Entry<JsonNode, List<PolicyRule>>> rules = new HashMap<>();
      for (ObjectNode role : objects()) {
        JsonNode json = role.get("rules");
        rules.put(
            role.path("metadata").path("name").asText(),
            Map.entry(json, RuleInterner.intern(PolicyRule.listFromJson(json))));
      }
      return Map.copyOf(rules);
    }
  }

  /**
   * The parsed rules of a default role whose {@code rules} are unchanged, or null. Every workspace
   * stores the same default roles; the index parses their rules once.
   */
  static List<PolicyRule> knownRules(String name, JsonNode rules) {
    Map.Entry<JsonNode, List<PolicyRule>> known = Known.RULES.get(name);
    return known != null && known.getKey().equals(rules) ? known.getValue() : null;
  }

  /** The ClusterRole objects (JSON), in creation order. */
  public static List<ObjectNode> objects() {
    List<ObjectNode> result = new ArrayList<>();
    ObjectNode clusterAdmin = role("cluster-admin", null);
    addRules(
        clusterAdmin,
        List.of(
            PolicyRule.resource(List.of("*"), List.of("*"), List.of("*")),
            PolicyRule.nonResource(List.of("*"), List.of("*"))));
    result.add(clusterAdmin);
    result.add(aggregated("admin", "admin", null, adminRules(), editRules(), viewRules()));
    result.add(aggregated("edit", "edit", "admin", editRules(), viewRules()));
    result.add(aggregated("view", "view", "edit", viewRules()));
    result.add(aggregateTo("admin", adminRules()));
    result.add(aggregateTo("edit", editRules()));
    result.add(aggregateTo("view", viewRules()));
    return result;
  }

  public static List<String> names() {
    return objects().stream().map(o -> o.path("metadata").path("name").asText()).toList();
  }

  static List<PolicyRule> viewRules() {
    return List.of(
        PolicyRule.resource(
            READ,
            List.of(""),
            List.of(
                "configmaps",
                "endpoints",
                "persistentvolumeclaims",
                "persistentvolumeclaims/status",
                "pods",
                "replicationcontrollers",
                "replicationcontrollers/scale",
                "serviceaccounts",
                "services",
                "services/status")),
        PolicyRule.resource(
            READ,
            List.of(""),
            List.of(
                "bindings",
                "events",
                "limitranges",
                "namespaces/status",
                "pods/log",
                "pods/status",
                "replicationcontrollers/status",
                "resourcequotas",
                "resourcequotas/status")),
        PolicyRule.resource(READ, List.of(""), List.of("namespaces")),
        PolicyRule.resource(READ, List.of("discovery.k8s.io"), List.of("endpointslices")),
        PolicyRule.resource(
            READ,
            List.of("apps"),
            List.of(
                "controllerrevisions",
                "daemonsets",
                "daemonsets/status",
                "deployments",
                "deployments/scale",
                "deployments/status",
                "replicasets",
                "replicasets/scale",
                "replicasets/status",
                "statefulsets",
                "statefulsets/scale",
                "statefulsets/status")),
        PolicyRule.resource(
            READ,
            List.of("autoscaling"),
            List.of("horizontalpodautoscalers", "horizontalpodautoscalers/status")),
        PolicyRule.resource(
            READ, List.of("batch"), List.of("cronjobs", "cronjobs/status", "jobs", "jobs/status")),
        PolicyRule.resource(
            READ,
            List.of("policy"),
            List.of("poddisruptionbudgets", "poddisruptionbudgets/status")),
        PolicyRule.resource(
            READ,
            List.of("networking.k8s.io"),
            List.of("ingresses", "ingresses/status", "networkpolicies")));
  }

  static List<PolicyRule> editRules() {
    return List.of(
        PolicyRule.resource(
            READ,
            List.of(""),
            List.of(
                "pods/attach",
                "pods/exec",
                "pods/portforward",
                "pods/proxy",
                "secrets",
                "services/proxy")),
        PolicyRule.resource(List.of("impersonate"), List.of(""), List.of("serviceaccounts")),
        PolicyRule.resource(
            WRITE,
            List.of(""),
            List.of("pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy")),
        PolicyRule.resource(List.of("create"), List.of(""), List.of("pods/eviction")),
        PolicyRule.resource(
            WRITE,
            List.of(""),
            List.of(
                "configmaps",
                "events",
                "persistentvolumeclaims",
                "replicationcontrollers",
                "replicationcontrollers/scale",
                "secrets",
                "serviceaccounts",
                "services",
                "services/proxy")),
        PolicyRule.resource(List.of("create"), List.of(""), List.of("serviceaccounts/token")),
        PolicyRule.resource(
            WRITE,
            List.of("apps"),
            List.of(
                "daemonsets",
                "deployments",
                "deployments/rollback",
                "deployments/scale",
                "replicasets",
                "replicasets/scale",
                "statefulsets",
                "statefulsets/scale")),
        PolicyRule.resource(WRITE, List.of("autoscaling"), List.of("horizontalpodautoscalers")),
        PolicyRule.resource(WRITE, List.of("batch"), List.of("cronjobs", "jobs")),
        PolicyRule.resource(WRITE, List.of("policy"), List.of("poddisruptionbudgets")),
        PolicyRule.resource(
            WRITE, List.of("networking.k8s.io"), List.of("ingresses", "networkpolicies")),
        PolicyRule.resource(ALL_VERBS, List.of("coordination.k8s.io"), List.of("leases")));
  }

  static List<PolicyRule> adminRules() {
    return List.of(
        PolicyRule.resource(
            List.of("create"),
            List.of("authorization.k8s.io"),
            List.of("localsubjectaccessreviews")),
        PolicyRule.resource(ALL_VERBS, List.of(RbacIndex.GROUP), List.of("rolebindings", "roles")));
  }

  @SafeVarargs
  private static ObjectNode aggregated(
      String name, String selects, String aggregatesTo, List<PolicyRule>... parts) {
    ObjectNode role = role(name, aggregatesTo);
    role.putObject("aggregationRule")
        .putArray("clusterRoleSelectors")
        .addObject()
        .putObject("matchLabels")
        .put(AGGREGATE_PREFIX + selects, "true");
    List<PolicyRule> rules = new ArrayList<>();
    for (List<PolicyRule> p : parts) {
      rules.addAll(p);
    }
    addRules(role, rules);
    return role;
  }

  private static ObjectNode aggregateTo(String target, List<PolicyRule> rules) {
    ObjectNode role = role("system:aggregate-to-" + target, target);
    addRules(role, rules);
    return role;
  }

  private static ObjectNode role(String name, String aggregatesTo) {
    ObjectNode role = JsonNodeFactory.instance.objectNode();
    role.put("apiVersion", RbacIndex.GROUP + "/v1");
    role.put("kind", "ClusterRole");
    ObjectNode meta = role.putObject("metadata");
    meta.put("name", name);
    ObjectNode labels = meta.putObject("labels");
    labels.put(BOOTSTRAP_LABEL, BOOTSTRAP_VALUE);
    if (aggregatesTo != null) {
      labels.put(AGGREGATE_PREFIX + aggregatesTo, "true");
    }
    meta.putObject("annotations").put("rbac.authorization.kubernetes.io/autoupdate", "true");
    return role;
  }

  private static void addRules(ObjectNode role, List<PolicyRule> rules) {
    var array = role.putArray("rules");
    rules.forEach(r -> array.add(r.toJson()));
  }
}
