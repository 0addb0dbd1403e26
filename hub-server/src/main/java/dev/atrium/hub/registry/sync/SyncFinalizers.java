package dev.atrium.hub.registry.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.model.workload.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The syncer finalizers an object must hold: {@code workload.atrium.dev/syncer-<key>} for every
 * {@code state.workload.atrium.dev/<key>: Sync} label whose target exists, serves the object's
 * workspace and is not being deregistered; a syncer finalizer whose label is gone is dropped. An
 * object being deleted gets no new finalizer, and a finalizer of a target that no longer exists is
 * dropped once the targets are known. Pure: the targets come from a lookup.
 */
public final class SyncFinalizers {

  private SyncFinalizers() {}

  /** Adjusts {@code object}'s finalizers in place; a no-op for objects without sync labels. */
  public static void apply(
      ObjectNode object,
      String workspace,
      Function<String, Optional<SyncTargetIndex.Target>> targets,
      boolean targetsKnown) {
    JsonNode labels = object.path("metadata").path("labels");
    List<String> finalizers = ObjectMeta.finalizers(object);
    if (!hasStateLabel(labels) && finalizers.stream().noneMatch(SyncFinalizers::isSyncer)) {
      return;
    }
    boolean deleting = ObjectMeta.deleting(object);
    List<String> next = new java.util.ArrayList<>(finalizers);
    next.removeIf(
        f -> {
          if (!isSyncer(f)) {
            return false;
          }
          String key = f.substring(Workload.SYNCER_FINALIZER_PREFIX.length());
          return !labelled(labels, key) || targetsKnown && targets.apply(key).isEmpty();
        });
    if (!deleting) {
      for (Map.Entry<String, JsonNode> label :
          (Iterable<Map.Entry<String, JsonNode>>) labels::fields) {
        String key = keyOf(label.getKey());
        if (key != null
            && Workload.STATE_SYNC.equals(label.getValue().asText())
            && !next.contains(Workload.syncerFinalizer(key))
            && targets.apply(key).filter(t -> !t.deleting() && t.serves(workspace)).isPresent()) {
          next.add(Workload.syncerFinalizer(key));
        }
      }
    }
    if (!next.equals(finalizers)) {
      ObjectMeta.setFinalizers(object, next);
    }
  }

  /** The target key of a state label, or null for any other label. */
  public static String keyOf(String label) {
    return label.startsWith(Workload.STATE_LABEL_PREFIX)
        ? label.substring(Workload.STATE_LABEL_PREFIX.length())
        : null;
  }

  /** Whether {@code object} carries {@code state.workload.atrium.dev/<key>: Sync}. */
  public static boolean labelledFor(JsonNode object, String key) {
    return labelled(object.path("metadata").path("labels"), key);
  }

  static boolean isSyncer(String finalizer) {
    return finalizer.startsWith(Workload.SYNCER_FINALIZER_PREFIX);
  }

  private static boolean labelled(JsonNode labels, String key) {
    return Workload.STATE_SYNC.equals(labels.path(Workload.stateLabel(key)).asText(""));
  }

  private static boolean hasStateLabel(JsonNode labels) {
    for (var it = labels.fieldNames(); it.hasNext(); ) {
      if (it.next().startsWith(Workload.STATE_LABEL_PREFIX)) {
        return true;
      }
    }
    return false;
  }
}
