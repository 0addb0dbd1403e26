package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges an applied configuration into a live object: the configuration's values win, objects merge
 * field by field, set and map lists merge item by item (configuration order for its items,
 * live-only items kept in place), atomic lists and scalars are replaced. A {@code null} in the
 * configuration removes the field.
 */
final class ObjectMerger {

  private ObjectMerger() {}

  static ObjectNode merge(ObjectNode live, ObjectNode config, FieldSchema schema) {
    return (ObjectNode) value(live, config, schema);
  }

  private static JsonNode value(JsonNode live, JsonNode config, FieldSchema schema) {
    if (live == null || config.isNull()) {
      return config.deepCopy();
    }
    if (live.isObject() && config.isObject()) {
      return object((ObjectNode) live, config, schema);
    }
    if (live.isArray() && config.isArray() && ListItems.granular(schema)) {
      return list(live, config, schema);
    }
    return config.deepCopy();
  }

  private static ObjectNode object(ObjectNode live, JsonNode config, FieldSchema schema) {
    ObjectNode out = live.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> it = config.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else {
        out.set(e.getKey(), value(live.get(e.getKey()), e.getValue(), schema.field(e.getKey())));
      }
    }
    return out;
  }

  private static ArrayNode list(JsonNode live, JsonNode config, FieldSchema schema) {
    Map<String, JsonNode> liveItems = ListItems.index(schema, live);
    List<String> configOrder = new ArrayList<>();
    Map<String, JsonNode> configItems = ListItems.index(schema, config);
    configOrder.addAll(configItems.keySet());
    FieldSchema items = schema.items();
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    Set<String> emitted = new HashSet<>();
    int next = 0;
    for (int i = 0; i < live.size(); i++) {
      String element = ListItems.element(schema, live.get(i), i);
      int at = configOrder.indexOf(element);
      if (at < 0) {
        out.add(live.get(i).deepCopy());
        continue;
      }
      for (; next <= at; next++) {
        String e = configOrder.get(next);
        if (emitted.add(e)) {
          out.add(value(liveItems.get(e), configItems.get(e), items));
        }
      }
    }
    for (; next < configOrder.size(); next++) {
      String e = configOrder.get(next);
      if (emitted.add(e)) {
        out.add(value(liveItems.get(e), configItems.get(e), items));
      }
    }
    return out;
  }
}
