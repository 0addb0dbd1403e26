package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.meta.Metadata;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.tenancy.Workspace;
import dev.atrium.model.tenancy.WorkspaceSpec;
import dev.atrium.model.tenancy.WorkspaceStatus;
import dev.atrium.model.workload.SyncTarget;
import dev.atrium.model.workload.SyncTargetStatus;
import dev.atrium.model.workload.Workload;
import java.time.Instant;
import java.util.List;

/**
 * Table cells of Atrium's own kinds, read through their model records: Workspace shows NAME TYPE
 * PHASE URL AGE; SyncTarget shows NAME KEY READY HEARTBEAT VERSION AGE. An object of another shape
 * (stored before shapes were validated) prints its cells as unset.
 */
final class TenancyPrinters {

  private static final WorkspaceSpec NO_SPEC = WorkspaceSpec.ofType(null);
  private static final WorkspaceStatus NO_STATUS = WorkspaceStatus.inPhase(null);
  private static final SyncTargetStatus NO_TARGET_STATUS =
      new SyncTargetStatus(null, null, null, null);

  private TenancyPrinters() {}

  static List<Object> workspace(ObjectNode ws, Instant now) {
    Workspace typed = ModelJson.tryRead(ws, Workspace.class).orElse(null);
    WorkspaceSpec spec = typed == null || typed.spec() == null ? NO_SPEC : typed.spec();
    WorkspaceStatus status = typed == null || typed.status() == null ? NO_STATUS : typed.status();
    return List.of(
        Fields.name(ws),
        orNone(spec.type()),
        orNone(status.phase()),
        orNone(status.url()),
        Times.age(ws, now));
  }

  static List<Object> syncTarget(ObjectNode target, Instant now) {
    SyncTarget typed = ModelJson.tryRead(target, SyncTarget.class).orElse(null);
    SyncTargetStatus status =
        typed == null || typed.status() == null ? NO_TARGET_STATUS : typed.status();
    String ready = status.conditionStatus(Workload.CONDITION_READY);
    String beat =
        status.lastHeartbeatTime() != null
            ? Times.since(now, target, "status", "lastHeartbeatTime")
            : "<never>";
    return List.of(
        Fields.name(target),
        orNone(Metadata.label(target.path("metadata"), Workload.KEY_LABEL)),
        ready.isEmpty() ? "Unknown" : ready,
        beat,
        orNone(status.agentVersion()),
        Times.age(target, now));
  }

  private static String orNone(String text) {
    return text == null || text.isEmpty() ? "<none>" : text;
  }
}
