package dev.atrium.hub.registry.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The upstream status of an object synced to several targets, from each target's own status: one
 * target's status is taken as it is; with several, counters are summed, {@code observedGeneration}
 * is the minimum, and each condition is True only when True everywhere (False when False anywhere,
 * else Unknown), its message naming the targets that are not True. Other fields come from the first
 * target (by key). Pure.
 */
public final class StatusAggregation {

  private static final Set<String> SUMMED =
      Set.of(
          "replicas",
          "readyReplicas",
          "availableReplicas",
          "updatedReplicas",
          "unavailableReplicas",
          "currentReplicas",
          "fullyLabeledReplicas",
          "terminatingReplicas",
          "currentNumberScheduled",
          "numberMisscheduled",
          "desiredNumberScheduled",
          "numberReady",
          "updatedNumberScheduled",
          "numberAvailable",
          "numberUnavailable",
          "active",
          "succeeded",
          "failed",
          "ready",
          "terminating");

  private StatusAggregation() {}

  /** The aggregate of {@code byKey} (target key → its status, in key order). */
  public static ObjectNode aggregate(Map<String, JsonNode> byKey) {
    if (byKey.isEmpty()) {
      return JsonNodeFactory.instance.objectNode();
    }
    List<Map.Entry<String, JsonNode>> entries =
        byKey.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
    ObjectNode out = entries.get(0).getValue().deepCopy();
    if (entries.size() == 1) {
      return out;
    }
    for (String field : SUMMED) {
      if (entries.stream().anyMatch(e -> e.getValue().path(field).isIntegralNumber())) {
        out.put(field, entries.stream().mapToLong(e -> e.getValue().path(field).asLong(0)).sum());
      }
    }
    if (entries.stream()
        .allMatch(e -> e.getValue().path("observedGeneration").isIntegralNumber())) {
      out.put(
          "observedGeneration",
          entries.stream()
              .mapToLong(e -> e.getValue().path("observedGeneration").asLong())
              .min()
              .orElse(0));
    } else {
      out.remove("observedGeneration");
    }
    if (entries.stream().anyMatch(e -> e.getValue().has("conditions"))) {
      out.set("conditions", conditions(entries));
    }
    return out;
  }

  private static ArrayNode conditions(List<Map.Entry<String, JsonNode>> entries) {
    Map<String, ObjectNode> combined = new LinkedHashMap<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : entries) {
      for (JsonNode c : e.getValue().path("conditions")) {
        String type = c.path("type").asText();
        String value = c.path("status").asText("Unknown");
        seen.merge(type, 1, Integer::sum);
        ObjectNode merged = combined.get(type);
        if (merged == null) {
          merged = c.deepCopy();
          merged.put("message", note(e.getKey(), c, value));
          combined.put(type, merged);
          continue;
        }
        merged.put("status", worse(merged.path("status").asText(), value));
        String note = note(e.getKey(), c, value);
        if (!note.isEmpty()) {
          String m = merged.path("message").asText("");
          merged.put("message", m.isEmpty() ? note : m + "; " + note);
        }
      }
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    combined.forEach(
        (type, c) -> {
          if (seen.get(type) < entries.size() && "True".equals(c.path("status").asText())) {
            c.put("status", "Unknown");
          }
          out.add(c);
        });
    return out;
  }

  private static String note(String key, JsonNode condition, String value) {
    if ("True".equals(value)) {
      return "";
    }
    String message = condition.path("message").asText("");
    return key + ": " + value + (message.isEmpty() ? "" : " (" + message + ")");
  }

  private static String worse(String a, String b) {
    if ("False".equals(a) || "False".equals(b)) {
      return "False";
    }
    if ("True".equals(a) && "True".equals(b)) {
      return "True";
    }
    return "Unknown";
  }
}
