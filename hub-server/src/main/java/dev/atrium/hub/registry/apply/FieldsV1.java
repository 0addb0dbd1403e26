package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** Reads and writes the {@code fieldsV1} form of a {@link FieldSet}. */
public final class FieldsV1 {

  private FieldsV1() {}

  /**
   * Parses a {@code fieldsV1} object.
   *
   * @throws IllegalArgumentException when it is not well formed
   */
  public static FieldSet parse(JsonNode json) {
    FieldSet set = FieldSet.empty();
    if (json == null || json.isNull()) {
      return set;
    }
    read(json, set);
    return set;
  }

  private static void read(JsonNode json, FieldSet node) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("fieldsV1 entries must be objects");
    }
    Iterator<Map.Entry<String, JsonNode>> it = json.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals(".")) {
        node.insert(java.util.List.of());
        continue;
      }
      FieldSet child = node.descend(PathElements.normalize(e.getKey()));
      if (e.getValue().isObject() && e.getValue().isEmpty()) {
        child.insert(java.util.List.of());
      } else {
        read(e.getValue(), child);
      }
    }
  }

  public static ObjectNode toJson(FieldSet set) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (set.isMember() && !set.children().isEmpty()) {
      out.putObject(".");
    }
    set.children().forEach((k, v) -> out.set(k, toJson(v)));
    return out;
  }
}
