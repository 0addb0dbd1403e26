package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Null-safe reads from an object's JSON; absent fields read as Go zero values. */
final class Fields {

  private Fields() {}

  /** The node at this path, or a missing node. */
  static JsonNode at(JsonNode node, String... path) {
    JsonNode current = node == null ? MissingNode.getInstance() : node;
    for (String field : path) {
      current = current.path(field);
    }
    return current;
  }

  static boolean present(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return !value.isMissingNode() && !value.isNull();
  }

  /** The text at this path, or "" (Go's zero string). */
  static String text(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }

  /** The text at this path, or the fallback when absent or empty. */
  static String textOr(String fallback, JsonNode node, String... path) {
    String value = text(node, path);
    return value.isEmpty() ? fallback : value;
  }

  static long number(JsonNode node, String... path) {
    return at(node, path).asLong(0);
  }

  static Optional<Long> optionalNumber(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value.isNumber() ? Optional.of(value.asLong()) : Optional.empty();
  }

  static boolean flag(JsonNode node, String... path) {
    return at(node, path).asBoolean(false);
  }

  /** Number of entries in an array or object at this path; 0 when absent. */
  static long size(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value.isContainerNode() ? value.size() : 0;
  }

  /** The elements of the array at this path; empty when absent. */
  static List<JsonNode> items(JsonNode node, String... path) {
    List<JsonNode> result = new ArrayList<>();
    JsonNode value = at(node, path);
    if (value.isArray()) {
      value.forEach(result::add);
    }
    return result;
  }

  /** The text of each array element at this path, skipping empty ones. */
  static List<String> texts(JsonNode node, String... path) {
    return items(node, path).stream()
        .map(n -> n.isValueNode() ? n.asText() : "")
        .filter(s -> !s.isEmpty())
        .toList();
  }

  static String name(JsonNode object) {
    return text(object, "metadata", "name");
  }
}
