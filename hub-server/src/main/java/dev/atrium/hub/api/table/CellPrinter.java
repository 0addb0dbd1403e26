package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** Computes one Table row's cells (all columns, wide ones included) for one kind. */
@FunctionalInterface
interface CellPrinter {
  List<Object> cells(ObjectNode object, Instant now);
}
