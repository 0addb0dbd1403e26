package dev.atrium.hub.auth.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@code metav1.LabelSelector} (matchLabels, matchExpressions) evaluated on a label map. */
public record LabelMatch(Map<String, String> matchLabels, List<Expression> expressions) {

  /** One matchExpression: In, NotIn, Exists, DoesNotExist. */
  public record Expression(String key, String operator, List<String> values) {}

  public static LabelMatch fromJson(JsonNode selector) {
    java.util.Map<String, String> labels = new java.util.HashMap<>();
    selector
        .path("matchLabels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<Expression> exprs = new ArrayList<>();
    for (JsonNode e : selector.path("matchExpressions")) {
      List<String> values = new ArrayList<>();
      e.path("values").forEach(v -> values.add(v.asText()));
      exprs.add(new Expression(e.path("key").asText(""), e.path("operator").asText(""), values));
    }
    return new LabelMatch(Map.copyOf(labels), List.copyOf(exprs));
  }

  /** An empty selector selects nothing here, as the aggregation controller treats it. */
  public boolean matches(Map<String, String> labels) {
    if (matchLabels.isEmpty() && expressions.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (Expression x : expressions) {
      String v = labels.get(x.key());
      boolean ok =
          switch (x.operator()) {
            case "In" -> v != null && x.values().contains(v);
            case "NotIn" -> v == null || !x.values().contains(v);
            case "Exists" -> v != null;
            case "DoesNotExist" -> v == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
