package dev.atrium.hub.auth.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** One rule of a Role or ClusterRole, as in {@code rbac.authorization.k8s.io/v1 PolicyRule}. */
public record PolicyRule(
    List<String> verbs,
    List<String> apiGroups,
    List<String> resources,
    List<String> resourceNames,
    List<String> nonResourceURLs) {

  public static final String ALL = "*";

  public PolicyRule {
    verbs = List.copyOf(verbs);
    apiGroups = List.copyOf(apiGroups);
    resources = List.copyOf(resources);
    resourceNames = List.copyOf(resourceNames);
    nonResourceURLs = List.copyOf(nonResourceURLs);
  }

  public static PolicyRule resource(
      List<String> verbs, List<String> apiGroups, List<String> resources) {
    return new PolicyRule(verbs, apiGroups, resources, List.of(), List.of());
  }

  public static PolicyRule nonResource(List<String> verbs, List<String> urls) {
    return new PolicyRule(verbs, List.of(), List.of(), List.of(), urls);
  }

  public static PolicyRule fromJson(JsonNode rule) {
    return new PolicyRule(
        strings(rule.path("verbs")),
        strings(rule.path("apiGroups")),
        strings(rule.path("resources")),
        strings(rule.path("resourceNames")),
        strings(rule.path("nonResourceURLs")));
  }

  /** The {@code rules} array of a role object. */
  public static List<PolicyRule> listFromJson(JsonNode rules) {
    List<PolicyRule> result = new ArrayList<>();
    rules.forEach(r -> result.add(fromJson(r)));
    return result;
  }

  public boolean isResourceRule() {
    return nonResourceURLs.isEmpty();
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    put(n, "verbs", verbs, true);
    if (isResourceRule()) {
      put(n, "apiGroups", apiGroups, true);
      put(n, "resources", resources, false);
      put(n, "resourceNames", resourceNames, false);
    } else {
      put(n, "nonResourceURLs", nonResourceURLs, false);
    }
    return n;
  }

  /** Upstream's compact form used in escalation messages. */
  public String compactString() {
    StringBuilder b = new StringBuilder("{");
    List<String> parts = new ArrayList<>();
    if (isResourceRule()) {
      parts.add("APIGroups:" + quoted(apiGroups));
      parts.add("Resources:" + quoted(resources));
      if (!resourceNames.isEmpty()) {
        parts.add("ResourceNames:" + quoted(resourceNames));
      }
    } else {
      parts.add("NonResourceURLs:" + quoted(nonResourceURLs));
    }
    parts.add("Verbs:" + quoted(verbs));
    return b.append(String.join(", ", parts)).append('}').toString();
  }

  private static String quoted(List<String> values) {
    List<String> q = new ArrayList<>();
    values.forEach(v -> q.add('"' + v + '"'));
    return "[" + String.join(" ", q) + "]";
  }

  private static void put(ObjectNode n, String field, List<String> values, boolean always) {
    if (values.isEmpty() && !always) {
      return;
    }
    var array = n.putArray(field);
    values.forEach(array::add);
  }

  private static List<String> strings(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(v -> result.add(v.asText()));
    return result;
  }
}
