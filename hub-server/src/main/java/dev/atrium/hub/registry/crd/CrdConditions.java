package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;

/** status.conditions of a CRD: read, and set as apiextensions' SetCRDCondition does. */
public final class CrdConditions {

  public static final String NAMES_ACCEPTED = "NamesAccepted";
  public static final String ESTABLISHED = "Established";
  public static final String TERMINATING = "Terminating";

  private CrdConditions() {}

  public static boolean established(JsonNode crd) {
    return isTrue(crd, ESTABLISHED);
  }

  public static boolean isTrue(JsonNode crd, String type) {
    return "True".equals(find(crd.path("status"), type).path("status").asText());
  }

  private static JsonNode find(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** Sets one condition in {@code status}; lastTransitionTime changes only when the status does. */
  public static void set(
      ObjectNode status, String type, String value, String reason, String message) {
    JsonNode old = find(status, type);
    ObjectNode c = status.objectNode();
    c.put("type", type);
    c.put("status", value);
    boolean same = value.equals(old.path("status").asText(null));
    c.put(
        "lastTransitionTime",
        same ? old.path("lastTransitionTime").asText(ObjectMeta.now()) : ObjectMeta.now());
    c.put("reason", reason);
    c.put("message", message);
    replace(status, type, c);
  }

  private static void replace(ObjectNode status, String type, ObjectNode condition) {
    ArrayNode next = status.arrayNode();
    boolean placed = false;
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        next.add(condition);
        placed = true;
      } else {
        next.add(c);
      }
    }
    if (!placed) {
      next.add(condition);
    }
    status.set("conditions", next);
  }
}
