package dev.atrium.agent.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.workload.Workload;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Downstream status to upstream status. {@code observedGeneration} is translated to the upstream
 * generation the downstream copy came from, and only when the downstream controller has caught up
 * with that copy; the agent's own {@code workload.atrium.dev/Synced} condition is added when an
 * apply failed. Pure.
 */
public final class StatusMapper {

  /** Built-in kinds whose downstream status the agent writes upstream ("group/resource"). */
  public static final Set<String> BUILTIN_STATUS_KINDS =
      Set.of(
          "apps/deployments",
          "apps/statefulsets",
          "apps/daemonsets",
          "apps/replicasets",
          "batch/jobs",
          "batch/cronjobs",
          "/services",
          "/pods",
          "/persistentvolumeclaims",
          "autoscaling/horizontalpodautoscalers",
          "policy/poddisruptionbudgets");

  private StatusMapper() {}

  /**
   * The status to write upstream, or empty when the upstream already has it.
   *
   * @param up the upstream object as last seen
   * @param key the target's key (its own status is kept in an annotation when present)
   * @param downstream the downstream copy (null when there is none yet)
   * @param error the last apply error, or null after a successful apply
   * @param now time for a new condition's lastTransitionTime
   */
  public static Optional<ObjectNode> upstreamStatus(
      UpstreamObject up, String key, JsonNode downstream, SyncError error, Instant now) {
    JsonNode current = currentStatus(up, key);
    ObjectNode next = desiredStatus(up, downstream, current);
    syncedCondition(next, current, error, now);
    if (sameStatus(next, current)) {
      return Optional.empty();
    }
    return Optional.of(next);
  }

  /**
   * What the hub holds as this target's status of {@code up}: the annotation {@code
   * status.workload.atrium.dev/<key>} when present (objects synced to several targets), else {@code
   * status}.
   */
  public static JsonNode currentStatus(UpstreamObject up, String key) {
    String own = Json.text(up.object(), "metadata", "annotations", Workload.statusAnnotation(key));
    if (own != null) {
      try {
        return Json.parse(own);
      } catch (IllegalArgumentException e) {
        // not JSON: fall back to the object's status
      }
    }
    return up.object().path("status");
  }

  /** The merge patch that turns {@code current} into {@code next}: absent keys become null. */
  public static ObjectNode mergePatch(JsonNode current, ObjectNode next) {
    ObjectNode status = next.deepCopy();
    if (current != null && current.isObject()) {
      for (Iterator<String> it = current.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!status.has(f)) {
          status.putNull(f);
        }
      }
    }
    ObjectNode patch = Json.object();
    patch.set("status", status);
    return patch;
  }

  private static ObjectNode desiredStatus(
      UpstreamObject up, JsonNode downstream, JsonNode current) {
    if (downstream == null || !downstream.path("status").isObject()) {
      return current.isObject() ? ((ObjectNode) current).deepCopy() : Json.object();
    }
    ObjectNode next = ((ObjectNode) downstream.get("status")).deepCopy();
    if (next.has("observedGeneration")) {
      mapObservedGeneration(next, downstream, current);
    }
    return next;
  }

  private static void mapObservedGeneration(
      ObjectNode next, JsonNode downstream, JsonNode current) {
    long observed = next.path("observedGeneration").asLong();
    long downstreamGeneration = Json.at(downstream, "metadata", "generation").asLong(0);
    ObjectNode source = DownstreamMapper.upstreamOf(downstream);
    if (source != null && source.has("generation") && observed >= downstreamGeneration) {
      next.put("observedGeneration", source.get("generation").asLong());
    } else if (current.has("observedGeneration")) {
      next.set("observedGeneration", current.get("observedGeneration"));
    } else {
      next.remove("observedGeneration");
    }
  }

  private static void syncedCondition(
      ObjectNode next, JsonNode current, SyncError error, Instant now) {
    ArrayNode conditions = withoutSynced(next.path("conditions"));
    if (error != null) {
      JsonNode previous = findSynced(current.path("conditions"));
      ObjectNode c = conditions.addObject();
      c.put("type", Workload.CONDITION_SYNCED);
      c.put("status", "False");
      c.put("reason", error.reason());
      c.put("message", error.message());
      boolean unchanged =
          previous != null
              && "False".equals(previous.path("status").asText())
              && error.reason().equals(previous.path("reason").asText());
      c.put(
          "lastTransitionTime",
          unchanged && previous.has("lastTransitionTime")
              ? previous.get("lastTransitionTime").asText()
              : now.toString());
    }
    if (conditions.isEmpty()) {
      next.remove("conditions");
    } else {
      next.set("conditions", conditions);
    }
  }

  private static ArrayNode withoutSynced(JsonNode conditions) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (JsonNode c : conditions) {
      if (!Workload.CONDITION_SYNCED.equals(c.path("type").asText())) {
        out.add(c.deepCopy());
      }
    }
    return out;
  }

  private static JsonNode findSynced(JsonNode conditions) {
    for (JsonNode c : conditions) {
      if (Workload.CONDITION_SYNCED.equals(c.path("type").asText())) {
        return c;
      }
    }
    return null;
  }

  private static boolean sameStatus(ObjectNode next, JsonNode current) {
    if (!current.isObject()) {
      return next.isEmpty();
    }
    return Drift.contains(next, current) && Drift.contains(current, next);
  }
}
