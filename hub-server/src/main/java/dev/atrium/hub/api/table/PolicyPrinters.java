package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Printers for PodDisruptionBudgets and ResourceQuotas. */
final class PolicyPrinters {

  private PolicyPrinters() {}

  static List<Object> podDisruptionBudget(ObjectNode pdb, Instant now) {
    return Row.of(
        Fields.name(pdb),
        intOrString(Fields.at(pdb, "spec", "minAvailable")),
        intOrString(Fields.at(pdb, "spec", "maxUnavailable")),
        Fields.number(pdb, "status", "disruptionsAllowed"),
        Times.age(pdb, now));
  }

  private static String intOrString(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? "N/A" : value.asText();
  }

  /** printResourceQuota: "resource: used/hard" pairs, limits.* resources in the Limit column. */
  static List<Object> resourceQuota(ObjectNode quota, Instant now) {
    JsonNode hard = Fields.at(quota, "status", "hard");
    TreeMap<String, String> sorted = new TreeMap<>();
    hard.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    List<String> requests = new ArrayList<>();
    List<String> limits = new ArrayList<>();
    sorted.forEach(
        (resource, hardValue) -> {
          String used = Fields.textOr("0", quota, "status", "used", resource);
          String entry = resource + ": " + used + "/" + hardValue;
          (resource.startsWith("limits.") ? limits : requests).add(entry);
        });
    return Row.of(
        Fields.name(quota),
        String.join(", ", requests),
        String.join(", ", limits),
        Times.age(quota, now));
  }
}
