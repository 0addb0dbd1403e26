package dev.atrium.agent.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.hub.HubApi;
import dev.atrium.agent.hub.HubClient;
import dev.atrium.agent.mapping.Json;
import dev.atrium.agent.mapping.ObjectRef;
import dev.atrium.agent.mapping.SyncError;
import dev.atrium.agent.mapping.UpstreamObject;
import dev.atrium.model.workload.Workload;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Apply errors as core/v1 Events in the upstream namespace, once per distinct error of an object (a
 * retry with the same error does not post again). The condition is written by {@link
 * StatusUpReconciler}.
 */
public final class ErrorReporter {

  private final HubApi hub;
  private final String key;
  private final Clock clock;
  private final Map<ObjectRef, SyncError> reported = new ConcurrentHashMap<>();

  public ErrorReporter(HubApi hub, String key, Clock clock) {
    this.hub = hub;
    this.key = key;
    this.clock = clock;
  }

  /** The error currently reported for {@code ref}, or null. */
  public SyncError current(ObjectRef ref) {
    return reported.get(ref);
  }

  public void report(UpstreamObject up, SyncError error) throws IOException, InterruptedException {
    if (error.equals(reported.put(up.ref(), error))) {
      return;
    }
    String ns = up.namespace().isEmpty() ? "default" : up.namespace();
    hub.post(
        HubClient.inWorkspace(up.workspace(), "/api/v1/namespaces/" + ns + "/events"),
        event(up, ns, error));
  }

  public void clear(ObjectRef ref) {
    reported.remove(ref);
  }

  ObjectNode event(UpstreamObject up, String ns, SyncError error) {
    String now = clock.instant().toString();
    ObjectNode e = Json.object();
    e.put("apiVersion", "v1").put("kind", "Event");
    e.putObject("metadata")
        .put("name", up.name() + "." + Long.toHexString(clock.millis()) + "." + key)
        .put("namespace", ns);
    ObjectNode involved = e.putObject("involvedObject");
    involved.put("apiVersion", Json.text(up.object(), "apiVersion"));
    involved.put("kind", up.kind());
    involved.put("name", up.name());
    if (!up.namespace().isEmpty()) {
      involved.put("namespace", up.namespace());
    }
    String uid = Json.text(up.object(), "metadata", "uid");
    if (uid != null) {
      involved.put("uid", uid);
    }
    e.put("reason", "SyncFailed");
    e.put("message", "sync target " + key + ": " + error.reason() + ": " + error.message());
    e.put("type", "Warning");
    e.putObject("source").put("component", Workload.FIELD_MANAGER);
    e.put("reportingComponent", Workload.FIELD_MANAGER);
    e.put("reportingInstance", key);
    e.put("firstTimestamp", now).put("lastTimestamp", now).put("count", 1);
    return e;
  }
}
