package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Finds and removes the value at a field path inside a JSON object. */
final class ObjectPaths {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ObjectPaths() {}

  /** Removes the field or list item at {@code path}; a missing path is ignored. */
  static void remove(JsonNode root, List<String> path) {
    if (path.isEmpty()) {
      return;
    }
    JsonNode parent = root;
    for (String element : path.subList(0, path.size() - 1)) {
      parent = child(parent, element);
      if (parent == null) {
        return;
      }
    }
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object && last.startsWith("f:")) {
      object.remove(last.substring(2));
    } else if (parent instanceof ArrayNode array) {
      int i = indexOf(array, last);
      if (i >= 0) {
        array.remove(i);
      }
    }
  }

  static JsonNode child(JsonNode node, String element) {
    if (node == null) {
      return null;
    }
    if (element.startsWith("f:")) {
      return node.isObject() ? node.get(element.substring(2)) : null;
    }
    if (!node.isArray()) {
      return null;
    }
    int i = indexOf((ArrayNode) node, element);
    return i < 0 ? null : node.get(i);
  }

  private static int indexOf(ArrayNode array, String element) {
    String body = element.substring(2);
    if (element.startsWith("i:")) {
      int i = Integer.parseInt(body);
      return i < array.size() ? i : -1;
    }
    JsonNode wanted = parse(body);
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (element.startsWith("v:") ? item.equals(wanted) : hasKey(item, wanted)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hasKey(JsonNode item, JsonNode key) {
    if (!item.isObject()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> it = key.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().equals(item.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid path element value " + json, e);
    }
  }
}
