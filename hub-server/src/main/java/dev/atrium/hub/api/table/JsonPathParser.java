package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Splits a JSONPath expression into {@link JsonPath.Step}s. */
final class JsonPathParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonPathParser() {}

  static List<JsonPath.Step> steps(String e) {
    List<JsonPath.Step> steps = new ArrayList<>();
    int i = 0;
    while (i < e.length()) {
      char c = e.charAt(i);
      if (c == '.') {
        int end = nameEnd(e, i + 1);
        String name = e.substring(i + 1, end);
        if (!name.isEmpty()) {
          steps.add(name.equals("*") ? JsonPathParser::all : field(name));
        }
        i = end;
      } else if (c == '[') {
        int end = closing(e, i);
        steps.add(bracket(e.substring(i + 1, end).trim()));
        i = end + 1;
      } else {
        int end = nameEnd(e, i);
        steps.add(field(e.substring(i, end)));
        i = end;
      }
    }
    return steps;
  }

  private static int nameEnd(String e, int from) {
    int i = from;
    while (i < e.length() && e.charAt(i) != '.' && e.charAt(i) != '[') {
      i++;
    }
    return i;
  }

  private static int closing(String e, int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < e.length(); i++) {
      char c = e.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed [ in " + e);
  }

  private static JsonPath.Step bracket(String inner) {
    if (inner.equals("*")) {
      return JsonPathParser::all;
    }
    if (inner.startsWith("?(") && inner.endsWith(")")) {
      return filter(inner.substring(2, inner.length() - 1).trim());
    }
    if (inner.startsWith("'") || inner.startsWith("\"")) {
      return field(inner.substring(1, inner.length() - 1));
    }
    int index = Integer.parseInt(inner);
    return (node, out) -> {
      if (node.isArray()) {
        int at = index < 0 ? node.size() + index : index;
        if (at >= 0 && at < node.size()) {
          out.add(node.get(at));
        }
      }
    };
  }

  private static JsonPath.Step field(String name) {
    return (node, out) -> {
      JsonNode v = node.isObject() ? node.get(name) : null;
      if (v != null) {
        out.add(v);
      }
    };
  }

  private static void all(JsonNode node, List<JsonNode> out) {
    if (node.isArray() || node.isObject()) {
      node.forEach(out::add);
    }
  }

  /** {@code @.a.b == "x"}, {@code @.a != 3} or {@code @.a} over the elements of an array. */
  private static JsonPath.Step filter(String condition) {
    String op = condition.contains("==") ? "==" : condition.contains("!=") ? "!=" : null;
    String left = op == null ? condition : condition.substring(0, condition.indexOf(op)).trim();
    JsonPath subject = JsonPath.parse(left.startsWith("@") ? left.substring(1) : left);
    JsonNode literal = op == null ? null : literal(condition.substring(condition.indexOf(op) + 2));
    return (node, out) -> {
      if (!node.isArray()) {
        return;
      }
      for (JsonNode element : node) {
        List<JsonNode> found = subject.find(element);
        boolean match =
            op == null
                ? !found.isEmpty()
                : !found.isEmpty() && equal(found.get(0), literal) == op.equals("==");
        if (match) {
          out.add(element);
        }
      }
    };
  }

  private static JsonNode literal(String text) {
    String t = text.trim();
    if (t.startsWith("'") && t.endsWith("'")) {
      t = "\"" + t.substring(1, t.length() - 1).replace("\"", "\\\"") + "\"";
    }
    try {
      return JSON.readTree(t);
    } catch (java.io.IOException e) {
      return JSON.getNodeFactory().textNode(t);
    }
  }

  private static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }
}
