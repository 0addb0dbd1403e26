package dev.atrium.agent.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.hub.HubApi;
import dev.atrium.agent.hub.HubClient;
import dev.atrium.agent.hub.HubException;
import dev.atrium.agent.mapping.Gvr;
import dev.atrium.agent.mapping.Json;
import dev.atrium.agent.mapping.UpstreamObject;
import dev.atrium.model.workload.Workload;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
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

  ObjectNode body(Collection<UpstreamObject> synced, boolean downstreamCleaned) {
    ObjectNode patch = Json.object();
    ObjectNode status = patch.putObject("status");
    status.put(
        "lastHeartbeatTime",
        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    status.put("agentVersion", agentVersion);
    ArrayNode resources = status.putArray("syncedResources");
    counts(synced)
        .forEach(
            (gr, n) ->
                resources.addObject().put("group", gr[0]).put("resource", gr[1]).put("count", n));
    if (downstreamCleaned) {
      ObjectNode c = status.putArray("conditions").addObject();
      c.put("type", "DownstreamCleaned").put("status", "True").put("reason", "Cleaned");
      c.put("message", "the agent deleted every downstream object of the target");
      c.put(
          "lastTransitionTime",
          clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }
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

  static Outcome outcome(ObjectNode syncTarget) {
    return Json.at(syncTarget, "metadata", "deletionTimestamp").isTextual()
        ? Outcome.DEREGISTERING
        : Outcome.ALIVE;
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
