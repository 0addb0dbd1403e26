package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The field set of a value under its schema: leaves (scalars, atomic lists, empty objects), set
 * items and list-map items. With {@code markObjects}, free-form maps are members themselves too
 * (how an Update records a map it adds).
 */
final class ObjectFields {

  private final boolean markObjects;

  private ObjectFields(boolean markObjects) {
    this.markObjects = markObjects;
  }

  /** The fields an applied configuration sets. */
  static FieldSet ofApplied(JsonNode value, FieldSchema schema) {
    FieldSet set = FieldSet.empty();
    new ObjectFields(false).walkChildren(value, schema, set);
    return set;
  }

  /** The fields an update adds at {@code node}, including {@code node} itself. */
  static void addedAt(JsonNode value, FieldSchema schema, FieldSet node) {
    new ObjectFields(true).walk(value, schema, node);
  }

  private void walk(JsonNode value, FieldSchema schema, FieldSet node) {
    if (value.isObject()) {
      if (value.isEmpty() || markObjects && schema.isMap()) {
        node.insert(List.of());
      }
      walkChildren(value, schema, node);
    } else if (value.isArray() && ListItems.granular(schema) && !value.isEmpty()) {
      FieldSchema items = schema.items();
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        FieldSet child = node.descend(ListItems.element(schema, item, i));
        child.insert(List.of());
        if (item.isObject()) {
          walkChildren(item, items, child);
        }
      }
    } else {
      node.insert(List.of());
    }
  }

  private void walkChildren(JsonNode value, FieldSchema schema, FieldSet node) {
    if (!value.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = value.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      walk(e.getValue(), schema.field(e.getKey()), node.descend(PathElements.field(e.getKey())));
    }
  }
}
