package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.auth.rbac.PolicyRule;
import java.util.List;

/** The status of a SelfSubjectRulesReview: resource and non-resource rules, never incomplete. */
final class RulesReview {

  private RulesReview() {}

  static void fill(ObjectNode status, List<PolicyRule> rules) {
    ArrayNode resourceRules = status.putArray("resourceRules");
    ArrayNode nonResourceRules = status.putArray("nonResourceRules");
    for (PolicyRule r : rules) {
      ObjectNode json = r.toJson();
      if (r.isResourceRule()) {
        if (!json.has("resources")) {
          json.putArray("resources");
        }
        resourceRules.add(json);
      } else {
        nonResourceRules.add(json);
      }
    }
    status.put("incomplete", false);
  }
}
