package dev.atrium.model.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code metadata} of a model object is kept as the JSON it is ({@link ObjectNode}): the hub
 * owns its system fields and must never drop one, and the kinds' own types are spec and status.
 */
public final class Metadata {

  private Metadata() {}

  /** {@code {"name": name}}. */
  public static ObjectNode named(String name) {
    return JsonNodeFactory.instance.objectNode().put("name", name);
  }

  public static String name(JsonNode metadata) {
    return text(metadata, "name");
  }

  /** A top-level text field of {@code metadata}, "" when absent or not text. */
  public static String text(JsonNode metadata, String field) {
    JsonNode value = metadata == null ? null : metadata.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  /** Label {@code key}, "" when absent. */
  public static String label(JsonNode metadata, String key) {
    JsonNode labels = metadata == null ? null : metadata.get("labels");
    JsonNode value = labels == null ? null : labels.get(key);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  /** Whether the object has a deletionTimestamp. */
  public static boolean deleting(JsonNode metadata) {
    return !text(metadata, "deletionTimestamp").isEmpty();
  }
}
