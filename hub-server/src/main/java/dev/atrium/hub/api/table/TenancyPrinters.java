package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Table cells of Atrium's own kinds: Workspace shows NAME TYPE PHASE URL AGE; SyncTarget shows NAME
 * KEY READY HEARTBEAT VERSION AGE.
 */
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

  static List<Object> syncTarget(ObjectNode target, Instant now) {
    String key = target.path("metadata").path("labels").path("workload.atrium.dev/key").asText("");
    String ready = "Unknown";
    for (var c : target.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        ready = c.path("status").asText("Unknown");
      }
    }
    String beat =
        target.path("status").has("lastHeartbeatTime")
            ? Times.since(now, target, "status", "lastHeartbeatTime")
            : "<never>";
    String version = target.path("status").path("agentVersion").asText("");
    return List.of(
        Fields.name(target),
        key.isEmpty() ? "<none>" : key,
        ready,
        beat,
        version.isEmpty() ? "<none>" : version,
        Times.age(target, now));
  }
}
