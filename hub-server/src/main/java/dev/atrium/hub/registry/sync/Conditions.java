package dev.atrium.hub.registry.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kubernetes-style status conditions: set one by type, keeping lastTransitionTime when unchanged.
 */
public final class Conditions {

  private Conditions() {}

  /** Sets condition {@code type} in {@code status.conditions}; returns whether anything changed. */
  public static boolean set(
      ObjectNode status, String type, String value, String reason, String message, String now) {
    ArrayNode conditions =
        status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
    ObjectNode existing = find(conditions, type);
    if (existing != null
        && value.equals(existing.path("status").asText())
        && reason.equals(existing.path("reason").asText())
        && message.equals(existing.path("message").asText())) {
      return false;
    }
    ObjectNode c = existing != null ? existing : conditions.addObject();
    boolean transition = existing == null || !value.equals(existing.path("status").asText());
    c.put("type", type);
    c.put("status", value);
    c.put("reason", reason);
    c.put("message", message);
    if (transition || !c.has("lastTransitionTime")) {
      c.put("lastTransitionTime", now);
    }
    return true;
  }

  /** The status ("True", "False", "Unknown") of condition {@code type}, or "" when absent. */
  public static String status(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c.path("status").asText("");
      }
    }
    return "";
  }

  /** The condition of {@code type} in {@code conditions}, or null. */
  static ObjectNode find(ArrayNode conditions, String type) {
    for (JsonNode c : conditions) {
      if (c instanceof ObjectNode o && type.equals(o.path("type").asText())) {
        return o;
      }
    }
    return null;
  }
}
