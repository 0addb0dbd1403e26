package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.crd.CustomColumn;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cells of custom resources as apiextensions' table convertor computes them: the first JSONPath
 * match of each column, typed by the column type; dates as ages; null when nothing matches.
 */
final class CustomResourceCells {

  private static final Map<String, JsonPath> PATHS = new ConcurrentHashMap<>();

  private CustomResourceCells() {}

  static List<Object> cells(List<CustomColumn> columns, ObjectNode object, Instant now) {
    List<Object> cells = new ArrayList<>(columns.size());
    for (CustomColumn column : columns) {
      cells.add(cell(column, object, now));
    }
    return cells;
  }

  private static Object cell(CustomColumn column, ObjectNode object, Instant now) {
    List<JsonNode> found;
    try {
      found = PATHS.computeIfAbsent(column.jsonPath(), JsonPath::parse).find(object);
    } catch (RuntimeException e) {
      return null;
    }
    if (found.isEmpty() || found.get(0).isNull()) {
      return null;
    }
    return typed(column.type(), found.get(0), now);
  }

  private static Object typed(String type, JsonNode value, Instant now) {
    switch (type) {
      case "integer":
        return value.isNumber() ? (Object) value.asLong() : null;
      case "number":
        return value.isNumber() ? (Object) value.asDouble() : null;
      case "boolean":
        return value.isBoolean() ? (Object) value.asBoolean() : null;
      case "date":
        return value.isTextual() ? age(value.asText(), now) : null;
      default:
        return value.isValueNode() ? value.asText() : value.toString();
    }
  }

  private static String age(String timestamp, Instant now) {
    try {
      Instant t = OffsetDateTime.parse(timestamp).toInstant();
      return HumanDuration.format(Duration.between(t, now));
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
  }
}
