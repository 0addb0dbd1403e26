package dev.atrium.hub.registry.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The map half of strategic merge patch. Both arguments are owned by the caller's private copies
 * and are changed in place.
 */
final class MapMerger {

  private MapMerger() {}

  /**
   * Merges {@code patch} into {@code original}; returns the merged map, or null when the patch says
   * {@code $patch: delete}.
   */
  static ObjectNode merge(ObjectNode original, ObjectNode patch, PatchSchema.Node schema) {
    String directive = Directives.patchDirective(patch);
    if (directive != null) {
      return mapDirective(directive, patch, schema);
    }
    retainKeys(original, patch);
    SetElementOrder.apply(original, patch, schema);
    for (Map.Entry<String, JsonNode> field : entries(patch)) {
      mergeField(original, field.getKey(), field.getValue(), schema);
    }
    return original;
  }

  /** A value that is new to the object, cleaned of directives and null members; null to drop. */
  static JsonNode fresh(JsonNode value, PatchSchema.Node schema) {
    if (value instanceof ObjectNode object) {
      return merge(JsonNodeFactory.instance.objectNode(), object, schema);
    }
    if (value instanceof ArrayNode array) {
      return ListMerger.fresh(array, schema);
    }
    return value;
  }

  private static ObjectNode mapDirective(
      String directive, ObjectNode patch, PatchSchema.Node schema) {
    if (Directives.DELETE.equals(directive)) {
      return null;
    }
    if (Directives.REPLACE.equals(directive)) {
      patch.remove(Directives.PATCH);
      return merge(JsonNodeFactory.instance.objectNode(), patch, schema);
    }
    throw Directives.unknownPatchType(directive, patch);
  }

  private static void mergeField(
      ObjectNode original, String key, JsonNode patchValue, PatchSchema.Node schema) {
    if (Directives.isDeleteFromPrimitiveList(key)) {
      deleteFromPrimitiveList(original, key, patchValue);
      return;
    }
    if (patchValue.isNull()) {
      original.remove(key);
      return;
    }
    PatchSchema.Node field = schema.field(key);
    JsonNode current = original.get(key);
    JsonNode merged;
    if (current instanceof ObjectNode live && patchValue instanceof ObjectNode change) {
      merged =
          Directives.REPLACE.equals(Directives.strategy(field))
              ? fresh(change, field)
              : merge(live, change, field);
    } else if (current instanceof ArrayNode live && patchValue instanceof ArrayNode change) {
      merged = ListMerger.merge(live, change, field);
    } else {
      merged = fresh(patchValue, field);
    }
    if (merged == null) {
      original.remove(key);
    } else {
      original.set(key, merged);
    }
  }

  private static void deleteFromPrimitiveList(ObjectNode original, String key, JsonNode values) {
    String field = Directives.fieldOf(key, Directives.DELETE_FROM_PRIMITIVE_LIST);
    if (!values.isArray()) {
      throw new PatchException("invalid patch format of primitive list: " + key);
    }
    if (original.get(field) instanceof ArrayNode live) {
      original.set(field, ListMerger.deleteValues(live, (ArrayNode) values));
    }
  }

  /** {@code $retainKeys}: drop the live keys not listed; every patched key must be listed. */
  private static void retainKeys(ObjectNode original, ObjectNode patch) {
    JsonNode list = patch.remove(Directives.RETAIN_KEYS);
    if (list == null) {
      return;
    }
    Set<String> keep = retainList(list);
    for (Map.Entry<String, JsonNode> field : entries(patch)) {
      String key = field.getKey();
      boolean exempt =
          field.getValue().isNull()
              || Directives.isSetElementOrder(key)
              || Directives.isDeleteFromPrimitiveList(key);
      if (!exempt && !keep.contains(key)) {
        throw new PatchException(
            "invalid patch format of retainKeys: " + key + " is not in " + Directives.RETAIN_KEYS);
      }
    }
    original.retain(keep);
  }

  private static Set<String> retainList(JsonNode list) {
    if (!list.isArray()) {
      throw new PatchException("invalid patch format of retainKeys: " + list);
    }
    Set<String> keep = new HashSet<>();
    for (JsonNode key : list) {
      if (!key.isTextual()) {
        throw new PatchException("invalid patch format of retainKeys: " + list);
      }
      keep.add(key.textValue());
    }
    return keep;
  }

  static List<Map.Entry<String, JsonNode>> entries(ObjectNode node) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>(node.size());
    node.fields().forEachRemaining(out::add);
    return out;
  }
}
