package dev.atrium.agent.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a downstream object still holds what the agent applied: "desired ⊆ actual". Fields the
 * downstream added (defaults, status, allocated values) never count as drift. Pure.
 */
public final class Drift {

  private Drift() {}

  /** True when {@code actual} must be re-applied to hold {@code desired}. */
  public static boolean needsApply(JsonNode desired, JsonNode actual) {
    if (actual == null || actual.isMissingNode() || actual.isNull()) {
      return true;
    }
    String want = hash(desired);
    if (want != null && !want.equals(hash(actual))) {
      return true;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("status") && !contains(e.getValue(), actual.get(e.getKey()))) {
        return true;
      }
    }
    return false;
  }

  /** Whether every field of {@code desired} is in {@code actual} with an equal value. */
  public static boolean contains(JsonNode desired, JsonNode actual) {
    if (desired == null || desired.isNull()) {
      return true;
    }
    if (actual == null || actual.isNull() || actual.isMissingNode()) {
      return isEmpty(desired);
    }
    if (desired.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!contains(e.getValue(), actual.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!actual.isArray() || actual.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(desired.get(i), actual.get(i))) {
          return false;
        }
      }
      return true;
    }
    return scalarEquals(desired, actual);
  }

  private static boolean scalarEquals(JsonNode desired, JsonNode actual) {
    if (desired.isNumber() && actual.isNumber()) {
      return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    if (desired.isValueNode()
        && actual.isValueNode()
        && desired.isTextual() != actual.isTextual()) {
      // int-or-string fields (ports, quantities) may come back in the other form
      return desired.asText().equals(actual.asText());
    }
    return desired.equals(actual);
  }

  private static boolean isEmpty(JsonNode n) {
    return (n.isContainerNode() && n.isEmpty()) || n.isNull();
  }

  private static String hash(JsonNode n) {
    return Json.text(n, "metadata", "annotations", DownstreamMapper.DESIRED_HASH_ANNOTATION);
  }
}
