package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies {@code default} values top-down: a missing field (or a null in a non-nullable one) gets
 * the default, which is then defaulted itself.
 */
final class SchemaDefaulter {

  private SchemaDefaulter() {}

  static void apply(JsonNode value, JsonNode schema) {
    if (value == null || schema == null) {
      return;
    }
    if (value.isObject()) {
      applyObject((ObjectNode) value, schema);
    } else if (value.isArray()) {
      JsonNode items = Schemas.items(schema);
      value.forEach(element -> apply(element, items));
    }
  }

  private static void applyObject(ObjectNode object, JsonNode schema) {
    JsonNode properties = schema.path("properties");
    Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> p = it.next();
      defaultField(object, p.getKey(), p.getValue());
    }
    JsonNode additional = Schemas.additionalSchema(schema);
    if (additional != null) {
      object
          .fields()
          .forEachRemaining(
              e -> {
                if (!properties.has(e.getKey())) {
                  apply(e.getValue(), additional);
                }
              });
    }
  }

  private static void defaultField(ObjectNode object, String name, JsonNode fieldSchema) {
    JsonNode current = object.get(name);
    boolean absent = current == null || (current.isNull() && !Schemas.nullable(fieldSchema));
    if (absent && fieldSchema.has("default")) {
      object.set(name, fieldSchema.get("default").deepCopy());
    }
    apply(object.get(name), fieldSchema);
  }
}
