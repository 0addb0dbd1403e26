package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes fields the schema does not specify, as apiextensions-apiserver's pruning does; {@code
 * x-kubernetes-preserve-unknown-fields} keeps them, {@code apiVersion}/{@code kind}/{@code
 * metadata} stay at the root and in embedded resources. The paths of removed fields (e.g. {@code
 * spec.items[0].foo}) are collected for {@code fieldValidation}.
 */
final class SchemaPruner {

  private SchemaPruner() {}

  static void prune(JsonNode value, JsonNode schema, boolean root) {
    prune(value, schema, root, "", new ArrayList<>());
  }

  /** Prunes in place and returns the paths of the removed fields. */
  static List<String> pruned(JsonNode value, JsonNode schema) {
    List<String> paths = new ArrayList<>();
    prune(value, schema, true, "", paths);
    return paths;
  }

  private static void prune(
      JsonNode value, JsonNode schema, boolean root, String path, List<String> pruned) {
    if (value == null || schema == null) {
      return;
    }
    if (value.isObject()) {
      pruneObject((ObjectNode) value, schema, root || Schemas.embedded(schema), path, pruned);
    } else if (value.isArray()) {
      JsonNode items = Schemas.items(schema);
      for (int i = 0; i < value.size(); i++) {
        prune(value.get(i), items, false, Schemas.index(path, i), pruned);
      }
    }
  }

  private static void pruneObject(
      ObjectNode object, JsonNode schema, boolean keepMeta, String path, List<String> pruned) {
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
                prune(e.getValue(), field, false, Schemas.child(path, name), pruned);
              } else if (!Schemas.additionalAny(schema) && !Schemas.preserveUnknown(schema)) {
                unknown.add(name);
                pruned.add(Schemas.child(path, name));
              }
            });
    object.remove(unknown);
  }
}
