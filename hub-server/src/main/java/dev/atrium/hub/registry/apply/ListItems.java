package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Identifies the items of set and map lists by their path element. */
final class ListItems {

  private ListItems() {}

  /** The element naming {@code item} at {@code index} of a list with the given schema. */
  static String element(FieldSchema list, JsonNode item, int index) {
    if (list.listKind() == FieldSchema.ListKind.SET) {
      return PathElements.value(item);
    }
    if (!item.isObject()) {
      return PathElements.index(index);
    }
    ObjectNode key = JsonNodeFactory.instance.objectNode();
    for (String field : list.keys()) {
      JsonNode v = item.get(field);
      if (v != null && !v.isNull()) {
        key.set(field, v);
      }
    }
    return key.isEmpty() ? PathElements.index(index) : PathElements.key(key);
  }

  /** The items of {@code array} by element, in list order (later duplicates win). */
  static Map<String, JsonNode> index(FieldSchema list, JsonNode array) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (array != null && array.isArray()) {
      for (int i = 0; i < array.size(); i++) {
        out.put(element(list, array.get(i), i), array.get(i));
      }
    }
    return out;
  }

  static boolean granular(FieldSchema list) {
    return list.listKind() != FieldSchema.ListKind.ATOMIC;
  }
}
