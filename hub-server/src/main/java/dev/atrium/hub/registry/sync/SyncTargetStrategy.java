package dev.atrium.hub.registry.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.Strategy;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.workload.Workload;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * SyncTargets: the hub sets the key label at creation and keeps it; the clean-up finalizer; the
 * Ready and HeartbeatHealthy conditions turn True on every heartbeat (a status write that moves
 * {@code lastHeartbeatTime}); the heartbeat controller turns them False when heartbeats stop.
 */
public final class SyncTargetStrategy implements Strategy {

  public static final String REASON_AWAITING = "AwaitingAgent";
  public static final String REASON_HEARTBEAT = "HeartbeatReceived";
  public static final String REASON_LOST = "HeartbeatLost";
  public static final String REASON_DEREGISTERING = "Deregistering";

  /**
   * The last heartbeat per key from the cheap path, newer than the stored status between writes.
   */
  private static volatile Function<String, Optional<Instant>> heartbeats = k -> Optional.empty();

  /** Set once at start by the SyncTarget controller. */
  public static void useHeartbeats(Function<String, Optional<Instant>> lastBeats) {
    heartbeats = lastBeats;
  }

  /** Served with the latest heartbeat time (heartbeats do not write the object each time). */
  @Override
  public ObjectNode prepareForRead(ResourceType type, ObjectNode object) {
    String key = object.path("metadata").path("labels").path(Workload.KEY_LABEL).asText("");
    Optional<Instant> beat = key.isEmpty() ? Optional.empty() : heartbeats.apply(key);
    if (beat.isEmpty()) {
      return object;
    }
    String stored = object.path("status").path("lastHeartbeatTime").asText("");
    Instant at = beat.get().truncatedTo(ChronoUnit.SECONDS);
    if (!stored.isEmpty() && !Instant.parse(stored).isBefore(at)) {
      return object;
    }
    ObjectNode served = object.deepCopy();
    served.with("status").put("lastHeartbeatTime", at.toString());
    return served;
  }

  @Override
  public void prepareForCreate(ResourceType type, ObjectNode object) {
    String workspace = path(object);
    ObjectMeta.of(object)
        .with("labels")
        .put(Workload.KEY_LABEL, Workload.targetKey(workspace, ObjectMeta.name(object)));
    List<String> finalizers = ObjectMeta.finalizers(object);
    if (!finalizers.contains(Workload.SYNC_TARGET_FINALIZER)) {
      finalizers.add(Workload.SYNC_TARGET_FINALIZER);
      ObjectMeta.setFinalizers(object, finalizers);
    }
    ObjectNode status = object.putObject("status");
    String now = ObjectMeta.now();
    String waiting = "no heartbeat from the sync agent yet";
    Conditions.set(status, Workload.CONDITION_READY, "False", REASON_AWAITING, waiting, now);
    Conditions.set(status, Workload.CONDITION_HEARTBEAT, "Unknown", REASON_AWAITING, waiting, now);
  }

  @Override
  public void prepareForUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
    JsonNode key = old.path("metadata").path("labels").get(Workload.KEY_LABEL);
    ObjectNode labels = ObjectMeta.of(object).with("labels");
    if (key != null && !labels.has(Workload.KEY_LABEL)) {
      labels.set(Workload.KEY_LABEL, key.deepCopy());
    }
  }

  @Override
  public void prepareForStatusUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
    ObjectNode status = object.with("status");
    JsonNode oldStatus = old.path("status");
    keepCondition(status, oldStatus, Workload.CONDITION_READY);
    keepCondition(status, oldStatus, Workload.CONDITION_HEARTBEAT);
    String beat = status.path("lastHeartbeatTime").asText("");
    if (beat.isEmpty() || beat.equals(oldStatus.path("lastHeartbeatTime").asText(""))) {
      return;
    }
    String now = ObjectMeta.now();
    boolean deleting = ObjectMeta.deleting(object);
    Conditions.set(
        status,
        Workload.CONDITION_HEARTBEAT,
        "True",
        REASON_HEARTBEAT,
        "the sync agent heartbeats",
        now);
    Conditions.set(
        status,
        Workload.CONDITION_READY,
        deleting ? "False" : "True",
        deleting ? REASON_DEREGISTERING : REASON_HEARTBEAT,
        deleting ? "the target is being deregistered" : "the sync agent is connected",
        now);
  }

  @Override
  public List<ApiException.Cause> validateUpdate(
      ResourceType type, ObjectNode object, ObjectNode old) {
    String before = old.path("metadata").path("labels").path(Workload.KEY_LABEL).asText("");
    String after = object.path("metadata").path("labels").path(Workload.KEY_LABEL).asText("");
    if (!before.isEmpty() && !before.equals(after)) {
      return List.of(
          ApiException.Cause.invalidValue(
              "metadata.labels[" + Workload.KEY_LABEL + "]", after, "field is immutable"));
    }
    return List.of();
  }

  /** A status write that drops a hub-owned condition gets it back from the stored state. */
  private static void keepCondition(ObjectNode status, JsonNode oldStatus, String type) {
    if (!Conditions.status(status, type).isEmpty()) {
      return;
    }
    for (JsonNode c : oldStatus.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        status.withArray("conditions").add(c.deepCopy());
      }
    }
  }

  private static String path(ObjectNode object) {
    return object.path("metadata").path("annotations").path(ObjectMeta.PATH_ANNOTATION).asText();
  }
}
