package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** Table cells of Atrium's tenancy kinds: Workspace shows NAME TYPE PHASE URL AGE. */
final class TenancyPrinters {

  private TenancyPrinters() {}

  static List<Object> workspace(ObjectNode ws, Instant now) {
    String type = ws.path("spec").path("type").asText("");
    String phase = ws.path("status").path("phase").asText("");
    String url = ws.path("status").path("URL").asText("");
    return List.of(
        Fields.name(ws),
        type.isEmpty() ? "<none>" : type,
        phase.isEmpty() ? "<none>" : phase,
        url.isEmpty() ? "<none>" : url,
        Times.age(ws, now));
  }
}
