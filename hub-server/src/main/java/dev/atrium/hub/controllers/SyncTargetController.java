package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.DeleteOptions;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.registry.sync.Conditions;
import dev.atrium.hub.registry.sync.SyncTargetIndex;
import dev.atrium.hub.registry.sync.SyncTargetIndex.Target;
import dev.atrium.hub.registry.sync.SyncTargetStrategy;
import dev.atrium.hub.storage.ListRequest;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.selection.FieldSelector;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.hub.storage.selection.Selection;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.workload.Workload;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The hub's side of SyncTargets: keeps {@link SyncTargetIndex} current, gives objects labelled
 * before their target existed its finalizer (sweep), turns HeartbeatHealthy False when heartbeats
 * stop, and deregisters: release every syncer finalizer of the target, wait for the agent's
 * downstream clean-up (or the clean-up timeout), delete the agent's ServiceAccount, let go.
 *
 * <p>Heartbeat loss is timed per target ({@link HeartbeatDeadlines}): one timer armed for the
 * earliest {@code last heartbeat + atrium.sync.heartbeat-timeout}, so HeartbeatHealthy turns False
 * at that instant (plus the status write), not at the next periodic check. The periodic check
 * ({@code atrium.sync.check-period}) is left to deregistration.
 */
@ApplicationScoped
public class SyncTargetController {

  private static final Logger LOG = Logger.getLogger(SyncTargetController.class);
  private static final ResourceScope TARGETS =
      new ResourceScope(ResourceScope.ALL_CLUSTERS, Workload.GROUP, Workload.SYNC_TARGETS, "");
  private static final String MANAGER = "atrium-sync-target-controller";
  static final String CONDITION_CLEANED = "DownstreamCleaned";

  @Inject GenericRegistry registry;
  @Inject ApiResources apiResources;
  @Inject StoreFeeds feeds;
  @Inject SyncTargetIndex index;
  @Inject dev.atrium.hub.storage.Heartbeats heartbeats;
  @Inject Vertx vertx;
  @Inject dev.atrium.hub.storage.Leadership leadership;

  @ConfigProperty(name = "atrium.sync.heartbeat-timeout", defaultValue = "40s")
  Duration heartbeatTimeout;

  @ConfigProperty(name = "atrium.sync.check-period", defaultValue = "2s")
  Duration checkPeriod;

  @ConfigProperty(name = "atrium.sync.cleanup-timeout", defaultValue = "60s")
  Duration cleanupTimeout;

  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final HeartbeatDeadlines deadlines = new HeartbeatDeadlines();
  private long timer = -1;
  private long deadlineTimer = -1;
  private Instant deadlineTimerAt;

  void start(@Observes StartupEvent event) {
    SyncTargetStrategy.useHeartbeats(heartbeats::last);
    StoreFeed feed = feeds.start(TARGETS, StoreFeed.Handler.of(this::reset, this::onChange), true);
    leadership.onElected(() -> feed.relist(Duration.ZERO));
    timer = vertx.setPeriodic(checkPeriod.toMillis(), id -> checkDeleting());
  }

  synchronized void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (deadlineTimer >= 0) {
      vertx.cancelTimer(deadlineTimer);
    }
  }

  private void reset(List<StoredObject> targets) {
    index.reset(targets);
    deadlines.clear();
    index.all().forEach(t -> sweep(t));
    index.all().forEach(this::armHeartbeat);
  }

  private void onChange(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      index.forget(event.object());
      return;
    }
    boolean known = index.observe(event.object()).isPresent();
    Target target = index.byKey(keyOf(event.object())).orElseThrow();
    if (target.deleting()) {
      deregister(target);
    } else if (!known) {
      sweep(target);
    }
    armHeartbeat(target);
  }

  private void checkDeleting() {
    for (Target target : index.all()) {
      if (target.deleting()) {
        deregister(target);
      }
    }
  }

  // --- heartbeat deadlines ----------------------------------------------------------------

  /** Arms the target's heartbeat deadline if it is healthy (a no-op when armed earlier). */
  private void armHeartbeat(Target target) {
    lastHeartbeat(target.object().body())
        .ifPresent(beat -> arm(target.key(), beat.plus(heartbeatTimeout)));
  }

  private void arm(String key, Instant deadline) {
    deadlines.arm(key, deadline);
    schedule();
  }

  /** Points the one timer at the earliest deadline (Vert.x timers have millisecond precision). */
  private synchronized void schedule() {
    Instant next = deadlines.next().orElse(null);
    if (next == null || next.equals(deadlineTimerAt)) {
      return;
    }
    if (deadlineTimer >= 0) {
      vertx.cancelTimer(deadlineTimer);
    }
    long nanos = Duration.between(Instant.now(), next).toNanos();
    long delay = Math.max(1, (nanos + 999_999) / 1_000_000);
    deadlineTimerAt = next;
    deadlineTimer = vertx.setTimer(delay, id -> onDeadlines());
  }

  private void onDeadlines() {
    synchronized (this) {
      deadlineTimer = -1;
      deadlineTimerAt = null;
    }
    Instant now = Instant.now();
    for (String key : deadlines.due(now)) {
      index.byKey(key).filter(t -> !t.deleting()).ifPresent(t -> expire(t, now));
    }
    schedule();
  }

  /**
   * A deadline came due: arm it again if a fresher heartbeat arrived since it was armed, else mark
   * the target lost and look again one check period later (the write landed: nothing to do; it
   * failed or was busy: retried).
   */
  private void expire(Target target, Instant now) {
    Optional<Instant> beat = lastHeartbeat(target.object().body());
    if (beat.isEmpty()) {
      return;
    }
    Instant deadline = beat.get().plus(heartbeatTimeout);
    if (deadline.isAfter(now)) {
      deadlines.arm(target.key(), deadline);
      return;
    }
    markLost(target);
    deadlines.arm(target.key(), now.plus(checkPeriod));
  }

  /**
   * The last heartbeat of a target that is HeartbeatHealthy: the later of the stored {@code
   * lastHeartbeatTime} and the cheap path's; empty when it is not healthy. Reads the stored body
   * without copying it (the body is shared with the index).
   */
  Optional<Instant> lastHeartbeat(ObjectNode target) {
    com.fasterxml.jackson.databind.JsonNode status = target.path("status");
    if (!"True".equals(Conditions.status(status, Workload.CONDITION_HEARTBEAT))) {
      return Optional.empty();
    }
    String key = target.path("metadata").path("labels").path(Workload.KEY_LABEL).asText("");
    String stored = status.path("lastHeartbeatTime").asText("");
    Instant beat = stored.isEmpty() ? Instant.EPOCH : Instant.parse(stored);
    return Optional.of(heartbeats.last(key).filter(beat::isBefore).orElse(beat));
  }

  /** Whether the target looks healthy but its last heartbeat is the timeout old or older. */
  boolean heartbeatLost(ObjectNode target, Instant now) {
    return lastHeartbeat(target).map(b -> !b.plus(heartbeatTimeout).isAfter(now)).orElse(false);
  }

  private void markLost(Target target) {
    once(
        target,
        "heartbeat",
        registry.updateKnown(
            targetType(), target.object(), "status", this::lost, new WriteOptions(false, MANAGER)));
  }

  /** The target with HeartbeatHealthy and Ready False, if its heartbeat is (still) overdue. */
  private ObjectNode lost(ObjectNode target) {
    if (!heartbeatLost(target, Instant.now())) {
      return target;
    }
    ObjectNode status = target.with("status");
    String message = "no heartbeat for more than " + heartbeatTimeout.toSeconds() + "s";
    String now = ObjectMeta.now();
    String reason = SyncTargetStrategy.REASON_LOST;
    Conditions.set(status, Workload.CONDITION_HEARTBEAT, "False", reason, message, now);
    Conditions.set(status, Workload.CONDITION_READY, "False", reason, message, now);
    return target;
  }

  // --- sweep: objects labelled before the target existed get its finalizer ---------------

  private void sweep(Target target) {
    once(
        target,
        "sweep",
        labelled(target)
            .onItem()
            .transformToMulti(items -> Multi.createFrom().iterable(items))
            .filter(o -> target.serves(o.key().cluster()))
            .filter(o -> !ObjectMeta.deleting(o.body()))
            .filter(o -> !ObjectMeta.finalizers(o.body()).contains(finalizer(target)))
            .onItem()
            .transformToUniAndConcatenate(o -> touch(o, body -> body))
            .collect()
            .asList());
  }

  // --- deregistration ---------------------------------------------------------------------

  private void deregister(Target target) {
    once(
        target,
        "deregister",
        releaseFinalizers(target)
            .chain(() -> cleanedUp(target) ? finish(target) : Uni.createFrom().voidItem()));
  }

  private Uni<Void> releaseFinalizers(Target target) {
    String finalizer = finalizer(target);
    return labelledOrHolding(target)
        .onItem()
        .transformToMulti(items -> Multi.createFrom().iterable(items))
        .filter(o -> ObjectMeta.finalizers(o.body()).contains(finalizer))
        .onItem()
        .transformToUniAndConcatenate(
            o ->
                touch(
                    o,
                    body -> {
                      List<String> f = ObjectMeta.finalizers(body);
                      f.remove(finalizer);
                      ObjectMeta.setFinalizers(body, f);
                      return body;
                    }))
        .collect()
        .asList()
        .replaceWithVoid();
  }

  /** Whether the agent reported its clean-up, or it had the clean-up timeout to do so. */
  boolean cleanedUp(Target target) {
    ObjectNode body = target.object().body();
    if ("True".equals(Conditions.status(body.path("status"), CONDITION_CLEANED))) {
      return true;
    }
    Instant since = Instant.parse(ObjectMeta.text(body, "deletionTimestamp"));
    return since.plus(cleanupTimeout).isBefore(Instant.now());
  }

  private Uni<Void> finish(Target target) {
    ObjectKey account =
        new ObjectKey(
            target.workspace(),
            "",
            "serviceaccounts",
            Workload.AGENT_NAMESPACE,
            Workload.agentServiceAccount(target.name()));
    ResourceType saType =
        apiResources.byResource(target.workspace(), "", "serviceaccounts").orElseThrow();
    return registry
        .delete(saType, account, DeleteOptions.DEFAULT)
        .replaceWithVoid()
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull()
        .chain(
            () ->
                registry
                    .updateKnown(
                        targetType(),
                        target.object(),
                        "",
                        o -> {
                          List<String> f = ObjectMeta.finalizers(o);
                          f.remove(Workload.SYNC_TARGET_FINALIZER);
                          ObjectMeta.setFinalizers(o, f);
                          return o;
                        },
                        new WriteOptions(false, MANAGER))
                    .onFailure(StorageException.NotFound.class)
                    .recoverWithNull()
                    .replaceWithVoid());
  }

  // --- helpers ------------------------------------------------------------------------------

  /** Objects in every workspace labelled {@code state.workload.atrium.dev/<key>: Sync}. */
  private Uni<List<StoredObject>> labelled(Target target) {
    return listAll(
        LabelSelector.parse(Workload.stateLabel(target.key()) + "=" + Workload.STATE_SYNC));
  }

  /** Objects carrying the target's state label with any value (they may hold its finalizer). */
  private Uni<List<StoredObject>> labelledOrHolding(Target target) {
    return listAll(LabelSelector.parse(Workload.stateLabel(target.key())));
  }

  private Uni<List<StoredObject>> listAll(LabelSelector labels) {
    Selection selection = new Selection(labels, FieldSelector.EVERYTHING, o -> Map.of());
    return registry
        .list(new ListRequest(ResourceScope.everything(), selection, 0, null, 0))
        .map(page -> page.items());
  }

  /** Updates {@code object} through the registry (which sets the syncer finalizers). */
  private Uni<StoredObject> touch(
      StoredObject object, java.util.function.UnaryOperator<ObjectNode> change) {
    ObjectKey key = object.key();
    return apiResources
        .byResource(key.cluster(), key.group(), key.resource())
        .map(
            type ->
                registry
                    .updateKnown(type, object, "", change, new WriteOptions(false, MANAGER))
                    .onFailure(StorageException.NotFound.class)
                    .recoverWithNull())
        .orElseGet(() -> Uni.createFrom().nullItem());
  }

  /** Runs {@code work} unless the same step for the same target is still running. */
  private void once(Target target, String step, Uni<?> work) {
    String id = target.key() + "/" + step;
    if (!leadership.isLeader() || !busy.add(id)) {
      return;
    }
    work.subscribe()
        .with(
            v -> busy.remove(id),
            f -> {
              busy.remove(id);
              LOG.warnf("sync target %s: %s failed: %s", target.name(), step, f.getMessage());
            });
  }

  private ResourceType targetType() {
    return apiResources.byResource("root", Workload.GROUP, Workload.SYNC_TARGETS).orElseThrow();
  }

  private static String keyOf(StoredObject target) {
    return Workload.targetKey(target.key().cluster(), target.key().name());
  }

  private static String finalizer(Target target) {
    return Workload.syncerFinalizer(target.key());
  }
}
