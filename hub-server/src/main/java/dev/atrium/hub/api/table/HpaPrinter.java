package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** printHorizontalPodAutoscaler: Name, Reference, Targets, MinPods, MaxPods, Replicas, Age. */
final class HpaPrinter {

  private static final int MAX_METRICS = 2;
  private static final String UNKNOWN = "<unknown>";

  private HpaPrinter() {}

  static List<Object> cells(ObjectNode hpa, Instant now) {
    JsonNode target = Fields.at(hpa, "spec", "scaleTargetRef");
    return Row.of(
        Fields.name(hpa),
        Fields.text(target, "kind") + "/" + Fields.text(target, "name"),
        targets(hpa),
        Fields.optionalNumber(hpa, "spec", "minReplicas").map(String::valueOf).orElse("<unset>"),
        Fields.number(hpa, "spec", "maxReplicas"),
        Fields.number(hpa, "status", "currentReplicas"),
        Times.age(hpa, now));
  }

  /** formatHPAMetrics: the first two metrics as "current/target", then "+ N more...". */
  private static String targets(JsonNode hpa) {
    List<JsonNode> specs = Fields.items(hpa, "spec", "metrics");
    if (specs.isEmpty()) {
      return "<none>";
    }
    List<JsonNode> statuses = Fields.items(hpa, "status", "currentMetrics");
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < specs.size() && i < MAX_METRICS; i++) {
      JsonNode status = i < statuses.size() ? statuses.get(i) : null;
      shown.add(metric(specs.get(i), status));
    }
    String joined = String.join(", ", shown);
    int more = specs.size() - MAX_METRICS;
    return more > 0 ? joined + " + " + more + " more..." : joined;
  }

  private static String metric(JsonNode spec, JsonNode status) {
    return switch (Fields.text(spec, "type")) {
      case "Resource" -> resource(spec, status, "resource");
      case "ContainerResource" -> resource(spec, status, "containerResource");
      case "Pods" ->
          current(status, "pods", "averageValue") + "/" + target(spec, "pods", "averageValue");
      case "Object" -> valueMetric(spec, status, "object");
      case "External" -> valueMetric(spec, status, "external");
      default -> "<unknown type>";
    };
  }

  private static String valueMetric(JsonNode spec, JsonNode status, String source) {
    if (Fields.present(spec, source, "target", "averageValue")) {
      String current = current(status, source, "averageValue");
      return current + "/" + target(spec, source, "averageValue") + " (avg)";
    }
    return current(status, source, "value") + "/" + target(spec, source, "value");
  }

  private static String resource(JsonNode spec, JsonNode status, String source) {
    String name = Fields.text(spec, source, "name");
    if (Fields.present(spec, source, "target", "averageValue")) {
      String current = current(status, source, "averageValue");
      return name + ": " + current + "/" + target(spec, source, "averageValue");
    }
    String current = percent(status, source, "current", "averageUtilization", UNKNOWN);
    String target = percent(spec, source, "target", "averageUtilization", "<auto>");
    return name + ": " + current + "/" + target;
  }

  private static String percent(
      JsonNode node, String source, String part, String field, String fallback) {
    return Fields.optionalNumber(node, source, part, field).map(v -> v + "%").orElse(fallback);
  }

  private static String current(JsonNode status, String source, String field) {
    boolean known = status != null && Fields.present(status, source, "current", field);
    return known ? Fields.text(status, source, "current", field) : UNKNOWN;
  }

  private static String target(JsonNode spec, String source, String field) {
    return Fields.textOr("0", spec, source, "target", field);
  }
}
