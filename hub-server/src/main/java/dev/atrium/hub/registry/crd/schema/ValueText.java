package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** How Kubernetes field errors print values and JSON types. */
final class ValueText {

  private ValueText() {}

  /** The value as {@code field.Error} prints it: strings quoted, numbers and booleans bare. */
  static String of(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return quote(value.asText());
    }
    if (value.isNumber()) {
      return number(value.doubleValue(), value);
    }
    return value.toString();
  }

  static String quote(String s) {
    return TextNode.valueOf(s).toString();
  }

  /** A schema bound such as {@code minimum} as Go prints a float64 with %v. */
  static String bound(JsonNode bound) {
    return number(bound.doubleValue(), bound);
  }

  private static String number(double d, JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /** The JSON type name of a value, as in "must be of type integer: \"string\"". */
  static String typeName(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return value.isArray() ? "array" : "object";
  }
}
