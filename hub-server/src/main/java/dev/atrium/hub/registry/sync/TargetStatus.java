package dev.atrium.hub.registry.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.model.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each target's own status of a synced object, kept in the annotation {@code
 * status.workload.atrium.dev/<key>}, and the object's {@code status} as their aggregate ({@link
 * StatusAggregation}) over the targets it is labelled for.
 */
public final class TargetStatus {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TargetStatus() {}

  /** Target {@code key}'s status: its annotation; the object's status while it has none at all. */
  public static JsonNode of(ObjectNode object, String key) {
    JsonNode annotations = object.path("metadata").path("annotations");
    String own = annotations.path(Workload.statusAnnotation(key)).asText("");
    if (!own.isEmpty()) {
      return parse(own);
    }
    return keysWithStatus(object).isEmpty()
        ? object.path("status").deepCopy()
        : JsonNodeFactory.instance.objectNode();
  }

  /** Records target {@code key}'s status and recomputes the object's aggregate status. */
  public static void set(ObjectNode object, String key, JsonNode status) {
    ObjectMeta.of(object)
        .with("annotations")
        .put(Workload.statusAnnotation(key), status.isMissingNode() ? "{}" : status.toString());
    object.set("status", aggregate(object));
  }

  /**
   * Drops the statuses of targets the object is no longer labelled for; when any went, the
   * aggregate is recomputed from the rest (with none left, the last status stays).
   */
  public static void prune(ObjectNode object) {
    List<String> gone = new ArrayList<>();
    for (String key : keysWithStatus(object)) {
      if (!SyncFinalizers.labelledFor(object, key)) {
        gone.add(key);
      }
    }
    if (gone.isEmpty()) {
      return;
    }
    ObjectNode annotations = (ObjectNode) object.path("metadata").path("annotations");
    gone.forEach(k -> annotations.remove(Workload.statusAnnotation(k)));
    if (annotations.isEmpty()) {
      ObjectMeta.of(object).remove("annotations");
    }
    if (!keysWithStatus(object).isEmpty()) {
      object.set("status", aggregate(object));
    }
  }

  static ObjectNode aggregate(ObjectNode object) {
    Map<String, JsonNode> byKey = new TreeMap<>();
    JsonNode annotations = object.path("metadata").path("annotations");
    for (String key : keysWithStatus(object)) {
      if (SyncFinalizers.labelledFor(object, key)) {
        byKey.put(key, parse(annotations.path(Workload.statusAnnotation(key)).asText("{}")));
      }
    }
    return StatusAggregation.aggregate(byKey);
  }

  private static List<String> keysWithStatus(ObjectNode object) {
    List<String> keys = new ArrayList<>();
    object
        .path("metadata")
        .path("annotations")
        .fieldNames()
        .forEachRemaining(
            a -> {
              if (a.startsWith(Workload.STATUS_ANNOTATION_PREFIX)) {
                keys.add(a.substring(Workload.STATUS_ANNOTATION_PREFIX.length()));
              }
            });
    return keys;
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JsonNodeFactory.instance.objectNode();
    }
  }
}
