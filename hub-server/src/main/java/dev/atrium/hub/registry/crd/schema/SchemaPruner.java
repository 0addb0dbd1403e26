package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes fields the schema does not specify, as apiextensions-apiserver's pruning does; {@code
 * x-kubernetes-preserve-unknown-fields} keeps them, {@code apiVersion}/{@code kind}/{@code
 * metadata} stay at the root and in embedded resources.
 */
final class SchemaPruner {

  private SchemaPruner() {}

  static void prune(JsonNode value, JsonNode schema, boolean root) {
    if (value == null || schema == null) {
      return;
    }
    if (value.isObject()) {
      pruneObject((ObjectNode) value, schema, root || Schemas.embedded(schema));
    } else if (value.isArray()) {
      JsonNode items = Schemas.items(schema);
      value.forEach(element -> prune(element, items, false));
    }
  }

  private static void pruneObject(ObjectNode object, JsonNode schema, boolean keepMeta) {
    List<String> unknown = new ArrayList<>();
    object
        .fields()
        .forEachRemaining(
            e -> {
              String name = e.getKey();
              if (keepMeta && Schemas.objectMetaField(name)) {
                return;
              }
              JsonNode field = Schemas.fieldSchema(schema, name);
              if (field != null) {
                prune(e.getValue(), field, false);
              } else if (!Schemas.additionalAny(schema) && !Schemas.preserveUnknown(schema)) {
                unknown.add(name);
              }
            });
    object.remove(unknown);
  }
}
