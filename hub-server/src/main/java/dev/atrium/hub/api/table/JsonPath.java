package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset CRD printer columns use (client-go jsonpath): {@code .a.b}, {@code [0]},
 * {@code [*]}, {@code .*}, {@code ['key']} and filters {@code [?(@.type=="Ready")]} with {@code
 * ==}, {@code !=} or a bare existence test. Optional surrounding braces.
 */
public final class JsonPath {

  private final List<Step> steps;

  private JsonPath(List<Step> steps) {
    this.steps = steps;
  }

  public static JsonPath parse(String expression) {
    String e = expression.trim();
    if (e.startsWith("{") && e.endsWith("}")) {
      e = e.substring(1, e.length() - 1).trim();
    }
    return new JsonPath(JsonPathParser.steps(e));
  }

  /** Every match, in document order. */
  public List<JsonNode> find(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        step.apply(node, next);
      }
      current = next;
    }
    return current;
  }

  /** One step of a path: adds what it selects under {@code node} to {@code out}. */
  interface Step {
    void apply(JsonNode node, List<JsonNode> out);
  }
}
