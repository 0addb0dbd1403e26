package dev.atrium.hub.registry.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The list half of strategic merge patch. */
final class ListMerger {

  private ListMerger() {}

  /** Merges a patch list into a live list according to the field's patch strategy. */
  static ArrayNode merge(ArrayNode original, ArrayNode patch, PatchSchema.Node field) {
    if (!Directives.MERGE.equals(Directives.strategy(field))) {
      return fresh(patch, field);
    }
    List<JsonNode> merged = mergeItems(items(original), items(patch), field);
    return toArray(merged);
  }

  /** A list that is new to the object (or replaces one): directives and nulls removed. */
  static ArrayNode fresh(ArrayNode patch, PatchSchema.Node field) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode(patch.size());
    for (JsonNode item : patch) {
      JsonNode value = MapMerger.fresh(item, field.items());
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  /** {@code $deleteFromPrimitiveList/<field>}: drops the listed values from the live list. */
  static ArrayNode deleteValues(ArrayNode original, ArrayNode toDelete) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode item : original) {
      if (!contains(items(toDelete), item)) {
        out.add(item);
      }
    }
    return out;
  }

  private static List<JsonNode> mergeItems(
      List<JsonNode> original, List<JsonNode> patch, PatchSchema.Node field) {
    if (original.isEmpty() && patch.isEmpty()) {
      return original;
    }
    if (elementType(original, patch) != JsonNodeType.OBJECT) {
      List<JsonNode> merged = union(original, patch);
      return new ElementOrder("").normalize(merged, patch, original);
    }
    String mergeKey =
        field
            .patchMergeKey()
            .orElseThrow(
                () -> new PatchException("cannot merge lists without merge key for " + field));
    Special special = Special.split(original, patch, mergeKey, field);
    List<JsonNode> merged =
        mergeByKey(special.original(), special.patch(), mergeKey, field.items());
    return new ElementOrder(mergeKey).normalize(merged, special.patch(), special.original());
  }

  private static List<JsonNode> mergeByKey(
      List<JsonNode> original, List<JsonNode> patch, String mergeKey, PatchSchema.Node itemSchema) {
    List<JsonNode> result = new ArrayList<>(original);
    ElementOrder byKey = new ElementOrder(mergeKey);
    for (JsonNode item : patch) {
      int index = byKey.indexIn(result, item);
      if (index < 0) {
        JsonNode value = MapMerger.fresh(item, itemSchema);
        if (value != null) {
          result.add(value);
        }
        continue;
      }
      JsonNode merged =
          MapMerger.merge((ObjectNode) result.get(index), (ObjectNode) item, itemSchema);
      result.set(index, merged == null ? JsonNodeFactory.instance.objectNode() : merged);
    }
    return result;
  }

  /** The list items that carry a {@code $patch} directive, applied before merging. */
  private record Special(List<JsonNode> original, List<JsonNode> patch) {

    static Special split(
        List<JsonNode> original, List<JsonNode> patch, String mergeKey, PatchSchema.Node field) {
      List<JsonNode> live = new ArrayList<>(original);
      List<JsonNode> plain = new ArrayList<>();
      boolean replace = false;
      ElementOrder byKey = new ElementOrder(mergeKey);
      for (JsonNode item : patch) {
        String directive = Directives.patchDirective(item);
        if (directive == null) {
          plain.add(item);
        } else if (Directives.DELETE.equals(directive)) {
          JsonNode id = byKey.identity(item);
          live.removeIf(candidate -> JsonValues.same(byKey.identity(candidate), id));
        } else if (Directives.REPLACE.equals(directive)) {
          replace = true;
        } else if (Directives.MERGE.equals(directive)) {
          throw new PatchException("merging lists cannot yet be specified in the patch");
        } else {
          throw Directives.unknownPatchType(directive, item);
        }
      }
      if (replace) {
        return new Special(items(fresh(toArray(plain), field)), List.of());
      }
      return new Special(live, plain);
    }
  }

  /** The common type of all items: OBJECT, or the scalar type; lists of lists are refused. */
  private static JsonNodeType elementType(List<JsonNode> original, List<JsonNode> patch) {
    JsonNodeType type = null;
    for (List<JsonNode> list : List.of(original, patch)) {
      for (JsonNode item : list) {
        JsonNodeType current = item.getNodeType();
        if (current == JsonNodeType.ARRAY) {
          throw new PatchException("lists of lists are not supported");
        }
        if (type != null && type != current) {
          throw new PatchException("list element types are not identical: " + original + patch);
        }
        type = current;
      }
    }
    return type;
  }

  private static List<JsonNode> union(List<JsonNode> original, List<JsonNode> patch) {
    List<JsonNode> out = new ArrayList<>();
    for (List<JsonNode> list : List.of(original, patch)) {
      for (JsonNode item : list) {
        if (!contains(out, item)) {
          out.add(item);
        }
      }
    }
    return out;
  }

  private static boolean contains(List<JsonNode> list, JsonNode value) {
    return list.stream().anyMatch(item -> JsonValues.same(item, value));
  }

  static List<JsonNode> items(ArrayNode array) {
    List<JsonNode> out = new ArrayList<>(array.size());
    array.forEach(out::add);
    return out;
  }

  static ArrayNode toArray(List<JsonNode> items) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode(items.size());
    items.forEach(out::add);
    return out;
  }
}
