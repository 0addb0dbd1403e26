package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** The fieldsV1 spellings of path elements, and their human form ({@code .a[name="x"].b}). */
public final class PathElements {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PathElements() {}

  public static String field(String name) {
    return "f:" + name;
  }

  /** A list-map item by its key fields (written sorted by name). */
  public static String key(ObjectNode keyFields) {
    return "k:" + canonical(keyFields);
  }

  /** A set item by its value. */
  public static String value(JsonNode value) {
    return "v:" + canonical(value);
  }

  public static String index(int i) {
    return "i:" + i;
  }

  /** Re-spells an element read from a client so that equal elements compare equal. */
  static String normalize(String element) {
    if (element.startsWith("k:") || element.startsWith("v:")) {
      try {
        return element.substring(0, 2) + canonical(JSON.readTree(element.substring(2)));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("invalid path element " + element, e);
      }
    }
    if (element.startsWith("f:") || element.startsWith("i:")) {
      return element;
    }
    throw new IllegalArgumentException("invalid path element " + element);
  }

  /** Compact JSON with object keys sorted, as the key and value elements are written. */
  static String canonical(JsonNode node) {
    StringBuilder b = new StringBuilder();
    write(node, b);
    return b.toString();
  }

  private static void write(JsonNode node, StringBuilder b) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      b.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(JsonNodeFactory.instance.textNode(names.get(i)).toString()).append(':');
        write(node.get(names.get(i)), b);
      }
      b.append('}');
    } else if (node.isArray()) {
      b.append('[');
      Iterator<JsonNode> it = node.elements();
      boolean first = true;
      while (it.hasNext()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        write(it.next(), b);
      }
      b.append(']');
    } else {
      b.append(node.toString());
    }
  }

  /**
   * The path as Kubernetes prints it in conflicts, e.g. {@code .spec.containers[name="a"].image}.
   */
  public static String display(List<String> path) {
    StringBuilder b = new StringBuilder();
    for (String element : path) {
      String body = element.substring(2);
      switch (element.charAt(0)) {
        case 'f' -> b.append('.').append(body);
        case 'i' -> b.append('[').append(body).append(']');
        case 'v' -> b.append("[=").append(body).append(']');
        default -> b.append('[').append(keyDisplay(body)).append(']');
      }
    }
    return b.toString();
  }

  private static String keyDisplay(String json) {
    try {
      JsonNode keys = JSON.readTree(json);
      StringBuilder b = new StringBuilder();
      keys.fields()
          .forEachRemaining(
              e -> {
                if (b.length() > 0) {
                  b.append(',');
                }
                b.append(e.getKey()).append('=').append(e.getValue().toString());
              });
      return b.toString();
    } catch (JsonProcessingException e) {
      return json;
    }
  }
}
