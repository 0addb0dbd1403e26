package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small factory for the JSON trees of the OpenAPI documents. */
final class Json {

  static final String SCHEMA_REF_PREFIX = "#/components/schemas/";

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  static ArrayNode strings(String... values) {
    ArrayNode array = array();
    for (String value : values) {
      array.add(value);
    }
    return array;
  }

  /** {@code {"$ref":"#/components/schemas/<name>"}}. */
  static ObjectNode ref(String definition) {
    return object().put("$ref", SCHEMA_REF_PREFIX + definition);
  }

  /** A property that points at a definition and describes itself, the way kube writes it. */
  static ObjectNode describedRef(String definition, String description) {
    ObjectNode node = object();
    node.set("allOf", array().add(ref(definition)));
    node.put("description", description);
    return node;
  }

  static ObjectNode typed(String type, String description) {
    return object().put("description", description).put("type", type);
  }
}
