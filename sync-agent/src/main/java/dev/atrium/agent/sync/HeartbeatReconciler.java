package dev.atrium.agent.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.hub.HubApi;
import dev.atrium.agent.hub.HubClient;
import dev.atrium.agent.hub.HubException;
import dev.atrium.agent.mapping.Gvr;
import dev.atrium.agent.mapping.Json;
import dev.atrium.agent.mapping.UpstreamObject;
import dev.atrium.model.meta.Condition;
import dev.atrium.model.meta.Metadata;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.workload.SyncTargetStatus;
import dev.atrium.model.workload.Workload;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The heartbeat: a merge patch on {@code synctargets/<N>/status} with the time, the agent version
 * and the synced counts. Steps: {@link #body}, {@link #send}, {@link #outcome} (the answer tells
 * whether the target was deregistered).
 */
public final class HeartbeatReconciler {

  /** What a heartbeat found out. */
  public enum Outcome {
    ALIVE,
    DEREGISTERING,
    GONE
  }

  private final HubApi hub;
  private final String workspace;
  private final String target;
  private final String agentVersion;
  private final Clock clock;

  public HeartbeatReconciler(
      HubApi hub, String workspace, String target, String agentVersion, Clock clock) {
    this.hub = hub;
    this.workspace = workspace;
    this.target = target;
    this.agentVersion = agentVersion;
    this.clock = clock;
  }

  public Outcome beat(Collection<UpstreamObject> synced, boolean downstreamCleaned)
      throws IOException, InterruptedException {
    try {
      return outcome(send(body(synced, downstreamCleaned)));
    } catch (HubException e) {
      if (e.code() == 404) {
        return Outcome.GONE;
      }
      throw e;
    }
  }

  /** The merge patch: {@code {"status": SyncTargetStatus}} with only the agent's fields set. */
  ObjectNode body(Collection<UpstreamObject> synced, boolean downstreamCleaned) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    List<SyncTargetStatus.SyncedResource> resources = new ArrayList<>();
    counts(synced)
        .forEach(
            (gr, n) -> resources.add(new SyncTargetStatus.SyncedResource(gr[0], gr[1], (long) n)));
    List<Condition> conditions =
        downstreamCleaned
            ? List.of(
                new Condition(
                    Workload.CONDITION_DOWNSTREAM_CLEANED,
                    "True",
                    "Cleaned",
                    "the agent deleted every downstream object of the target",
                    now))
            : null;
    SyncTargetStatus status = new SyncTargetStatus(now, agentVersion, resources, conditions);
    ObjectNode patch = Json.object();
    patch.set("status", ModelJson.tree(status));
    return patch;
  }

  ObjectNode send(ObjectNode body) throws IOException, InterruptedException {
    Gvr st =
        new Gvr(
            Workload.GROUP,
            Workload.VERSION,
            Workload.SYNC_TARGETS,
            Workload.SYNC_TARGET_KIND,
            false);
    return hub.patch(
        HubClient.inWorkspace(workspace, st.objectPath("", target) + "/status"),
        HubClient.MERGE_PATCH,
        body);
  }

  /**
   * What the answer (the SyncTarget as written) says: deregistering once it has a deletion time.
   */
  static Outcome outcome(ObjectNode syncTarget) {
    return Metadata.deleting(syncTarget.path("metadata")) ? Outcome.DEREGISTERING : Outcome.ALIVE;
  }

  static Map<String[], Integer> counts(Collection<UpstreamObject> synced) {
    Map<String, Integer> byKey = new TreeMap<>();
    for (UpstreamObject o : synced) {
      byKey.merge(o.group() + "/" + o.resource(), 1, Integer::sum);
    }
    Map<String[], Integer> out = new java.util.LinkedHashMap<>();
    byKey.forEach((k, n) -> out.put(k.split("/", 2), n));
    return out;
  }
}
