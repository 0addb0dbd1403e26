package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.auth.syncer.SyncerAccess.View;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.ReadView;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.registry.sync.Conditions;
import dev.atrium.hub.registry.sync.SyncTargetIndex;
import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.hub.storage.Heartbeats;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.model.workload.Workload;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A sync agent's status write to its own SyncTarget. A plain heartbeat (only {@code
 * lastHeartbeatTime} moved, the target already healthy) goes down the cheap path: {@link
 * Heartbeats}, no object write, no watch event. Anything else — first heartbeat, recovery, a new
 * agent version, new counts, clean-up conditions, or a stored heartbeat time older than {@code
 * atrium.sync.heartbeat-persist} — is a status write as usual.
 *
 * <p>{@code atrium.sync.heartbeat-cheap=false} ({@code ATRIUM_SYNC_HEARTBEAT_CHEAP}) turns the
 * cheap path off: every heartbeat is then a durable status write (change-log row, revision, watch
 * event), as before the cheap path existed. Only for comparisons (docs/benchmarks.md, "Fleet").
 */
@ApplicationScoped
public class SyncerHeartbeat {

  @Inject ResourceDispatcher resources;
  @Inject GenericRegistry registry;
  @Inject SyncTargetIndex targets;
  @Inject Heartbeats heartbeats;

  @ConfigProperty(name = "atrium.sync.heartbeat-persist", defaultValue = "300s")
  Duration persistEvery;

  @ConfigProperty(name = "atrium.sync.heartbeat-cheap", defaultValue = "true")
  boolean cheap;

  void serve(RoutingContext ctx, View view, RequestInfo info, UserInfo user) {
    ApiRequest req = resources.request(ctx, info, user);
    UnaryOperator<ObjectNode> change = SyncerStatusWrite.statusChange(req);
    Instant now = Instant.now();
    current(req)
        .chain(
            current -> {
              ObjectNode next = change.apply(current.copyBody());
              if (cheap) {
                heartbeats.record(view.key(), now);
              }
              if (cheap && !durable(current.body(), next, now)) {
                return Uni.createFrom().item(overlay(current.body(), now));
              }
              return registry
                  .update(req.type(), req.key(), "status", 0, change, options(req))
                  .map(StoredObject::body);
            })
        .subscribe()
        .with(o -> Responses.json(ctx, 200, ReadView.of(req.type(), o)), req::fail);
  }

  private Uni<StoredObject> current(ApiRequest req) {
    return targets
        .byKey(Workload.targetKey(req.cluster(), req.name()))
        .map(t -> Uni.createFrom().item(t.object()))
        .orElseGet(() -> registry.get(req.key()));
  }

  /** Whether this write changes more than the heartbeat time (or the stored one is too old). */
  boolean durable(ObjectNode current, ObjectNode next, Instant now) {
    if (ObjectMeta.deleting(current)
        || !"True"
            .equals(Conditions.status(current.path("status"), Workload.CONDITION_HEARTBEAT))) {
      return true;
    }
    ObjectNode a = current.path("status").deepCopy();
    ObjectNode b = next.path("status").deepCopy();
    String stored = a.path("lastHeartbeatTime").asText("");
    a.remove("lastHeartbeatTime");
    b.remove("lastHeartbeatTime");
    if (!a.equals(b) || stored.isEmpty()) {
      return true;
    }
    return Instant.parse(stored).plus(persistEvery).isBefore(now);
  }

  private static ObjectNode overlay(ObjectNode current, Instant now) {
    ObjectNode out = current.deepCopy();
    out.with("status")
        .put(
            "lastHeartbeatTime", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    return out;
  }

  private static WriteOptions options(ApiRequest req) {
    return new WriteOptions(req.query().dryRun(), Workload.FIELD_MANAGER);
  }
}
