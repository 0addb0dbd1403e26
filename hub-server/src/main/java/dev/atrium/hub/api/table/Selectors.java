package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Label and label-selector formatting as apimachinery's labels package prints them. */
final class Selectors {

  static final String NONE = "<none>";

  private Selectors() {}

  /** labels.FormatLabels: "k=v,k2=v2" sorted by key, "<none>" when empty. */
  static String formatLabels(JsonNode labels) {
    List<String> pairs = new ArrayList<>();
    sortedMap(labels).forEach((k, v) -> pairs.add(k + "=" + v));
    return pairs.isEmpty() ? NONE : String.join(",", pairs);
  }

  /** metav1.FormatLabelSelector: the selector string, "<none>" when it selects everything. */
  static String formatLabelSelector(JsonNode selector) {
    String text = selectorString(selector);
    return text.isEmpty() ? NONE : text;
  }

  /** LabelSelectorAsSelector(...).String(): requirements sorted by key, "" when empty. */
  static String selectorString(JsonNode selector) {
    List<String[]> requirements = new ArrayList<>();
    sortedMap(Fields.at(selector, "matchLabels"))
        .forEach((k, v) -> requirements.add(new String[] {k, k + "=" + v}));
    for (JsonNode expression : Fields.items(selector, "matchExpressions")) {
      String key = Fields.text(expression, "key");
      requirements.add(new String[] {key, expression(expression, key)});
    }
    requirements.sort((a, b) -> a[0].compareTo(b[0]));
    return String.join(",", requirements.stream().map(r -> r[1]).toList());
  }

  private static String expression(JsonNode expression, String key) {
    String values = "(" + String.join(",", sortedValues(expression)) + ")";
    return switch (Fields.text(expression, "operator")) {
      case "In" -> key + " in " + values;
      case "NotIn" -> key + " notin " + values;
      case "DoesNotExist" -> "!" + key;
      default -> key;
    };
  }

  private static List<String> sortedValues(JsonNode expression) {
    List<String> values = new ArrayList<>(Fields.texts(expression, "values"));
    values.sort(null);
    return values;
  }

  private static Map<String, String> sortedMap(JsonNode object) {
    Map<String, String> sorted = new TreeMap<>();
    if (object != null && object.isObject()) {
      object.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    }
    return sorted;
  }
}
