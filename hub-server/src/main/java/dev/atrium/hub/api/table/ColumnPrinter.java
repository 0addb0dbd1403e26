package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.catalog.PrinterColumn;
import dev.atrium.model.catalog.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The default table convertor's cells, driven by column names: "Name" and "Created At" (as
 * kube-apiserver serves kinds without a dedicated printer, e.g. roles, CRDs, limitranges), plus
 * "Age"; any other column prints "&lt;none&gt;".
 */
final class ColumnPrinter {

  private ColumnPrinter() {}

  static List<Object> cells(ResourceType type, ObjectNode object, Instant now) {
    List<Object> cells = new ArrayList<>();
    for (PrinterColumn column : type.printerColumns()) {
      cells.add(cell(column, object, now));
    }
    return cells;
  }

  private static Object cell(PrinterColumn column, ObjectNode object, Instant now) {
    return switch (column.name()) {
      case "Name" -> Fields.name(object);
      case "Created At" -> Times.createdAt(object);
      case "Age" -> Times.age(object, now);
      default -> "<none>";
    };
  }
}
