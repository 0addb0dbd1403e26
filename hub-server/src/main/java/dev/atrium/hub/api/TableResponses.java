package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.api.table.TableRows;
import dev.atrium.model.catalog.PrinterColumn;
import dev.atrium.model.catalog.ResourceType;
import java.time.Instant;
import java.util.List;

/** Builds {@code meta.k8s.io Table} responses from objects. */
public final class TableResponses {

  private TableResponses() {}

  /**
   * @param includeObject "None", "Metadata" (default) or "Object"
   * @param withColumns false for watch events after the first
   */
  public static ObjectNode table(
      ResourceType type,
      List<ObjectNode> objects,
      String version,
      String includeObject,
      boolean withColumns) {
    ObjectNode table = JsonNodeFactory.instance.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/" + version);
    table.putObject("metadata");
    ArrayNode columns = table.putArray("columnDefinitions");
    if (withColumns) {
      type.printerColumns().forEach(c -> columns.add(column(c)));
    }
    ArrayNode rows = table.putArray("rows");
    Instant now = Instant.now();
    for (ObjectNode object : objects) {
      rows.add(row(type, object, version, includeObject, now));
    }
    return table;
  }

  private static ObjectNode column(PrinterColumn c) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("name", c.name());
    node.put("type", c.type());
    node.put("format", c.format());
    node.put("description", c.description());
    node.put("priority", c.priority());
    return node;
  }

  private static ObjectNode row(
      ResourceType type, ObjectNode object, String version, String includeObject, Instant now) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    ArrayNode cells = row.putArray("cells");
    for (Object cell : TableRows.cells(type, object, now)) {
      cells.add(cellNode(cell));
    }
    if ("Object".equals(includeObject)) {
      row.set("object", object);
    } else if (!"None".equals(includeObject)) {
      row.set("object", partialMetadata(object, version));
    }
    return row;
  }

  public static ObjectNode partialMetadata(ObjectNode object, String version) {
    ObjectNode partial = JsonNodeFactory.instance.objectNode();
    partial.put("kind", "PartialObjectMetadata");
    partial.put("apiVersion", "meta.k8s.io/" + version);
    JsonNode metadata = object.get("metadata");
    partial.set("metadata", metadata == null ? partial.objectNode() : metadata);
    return partial;
  }

  private static JsonNode cellNode(Object cell) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (cell == null) {
      return f.nullNode();
    }
    if (cell instanceof Integer i) {
      return f.numberNode(i);
    }
    if (cell instanceof Long l) {
      return f.numberNode(l);
    }
    if (cell instanceof Number n) {
      return f.numberNode(n.doubleValue());
    }
    if (cell instanceof Boolean b) {
      return f.booleanNode(b);
    }
    return f.textNode(cell.toString());
  }
}
