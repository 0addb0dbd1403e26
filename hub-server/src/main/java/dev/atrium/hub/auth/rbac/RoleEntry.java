package dev.atrium.hub.auth.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Role or ClusterRole as indexed: its own rules, labels and (ClusterRoles only) aggregation
 * selectors. Rule lists are interned, so identical default roles in many workspaces share memory.
 */
public record RoleEntry(
    String name, Map<String, String> labels, List<PolicyRule> rules, List<LabelMatch> aggregation) {

  public static RoleEntry fromJson(JsonNode object) {
    JsonNode meta = object.path("metadata");
    Map<String, String> labels = new HashMap<>();
    meta.path("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<LabelMatch> selectors = new ArrayList<>();
    object
        .path("aggregationRule")
        .path("clusterRoleSelectors")
        .forEach(s -> selectors.add(LabelMatch.fromJson(s)));
    boolean aggregated = object.path("aggregationRule").isObject();
    String name = meta.path("name").asText("");
    return new RoleEntry(
        name,
        labels.isEmpty() ? Map.of() : Map.copyOf(labels),
        rules(name, labels, object.path("rules")),
        aggregated ? List.copyOf(selectors) : null);
  }

  private static List<PolicyRule> rules(String name, Map<String, String> labels, JsonNode json) {
    if (DefaultRoles.BOOTSTRAP_VALUE.equals(labels.get(DefaultRoles.BOOTSTRAP_LABEL))) {
      List<PolicyRule> known = DefaultRoles.knownRules(name, json);
      if (known != null) {
        return known;
      }
    }
    return RuleInterner.intern(PolicyRule.listFromJson(json));
  }

  /** Whether rules come from aggregation (computed on read) rather than {@code rules}. */
  public boolean aggregated() {
    return aggregation != null;
  }
}
