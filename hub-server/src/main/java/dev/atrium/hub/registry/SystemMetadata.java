package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.catalog.ResourceType;
import java.util.Objects;
import java.util.UUID;

/**
 * System-owned metadata, filled once in the generic store: uid, creationTimestamp, generation,
 * namespace, the workspace path annotation; carried over unchanged on updates.
 */
final class SystemMetadata {

  private static final String[] CARRIED = {
    "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"
  };

  private SystemMetadata() {}

  static ObjectNode onCreate(
      ResourceType type, ObjectNode body, String cluster, String namespace, String name) {
    ObjectNode object = typed(type, body);
    ObjectNode meta = ObjectMeta.of(object);
    meta.put("name", name);
    meta.remove("generateName");
    if (type.namespaced()) {
      meta.put("namespace", namespace);
    } else {
      meta.remove("namespace");
    }
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", ObjectMeta.now());
    meta.remove("resourceVersion");
    meta.remove("selfLink");
    meta.remove("deletionTimestamp");
    meta.remove("deletionGracePeriodSeconds");
    meta.remove("generation");
    if (tracksGeneration(object)) {
      meta.put("generation", 1);
    }
    meta.with("annotations").put(ObjectMeta.PATH_ANNOTATION, cluster);
    if (type.hasSubresource("status")) {
      object.remove("status");
    }
    return object;
  }

  /** Main-resource update: system fields and (with a status subresource) status come from old. */
  static ObjectNode onUpdate(ResourceType type, ObjectNode body, ObjectNode old) {
    ObjectNode object = typed(type, body);
    ObjectNode meta = ObjectMeta.of(object);
    ObjectNode oldMeta = ObjectMeta.of(old);
    for (String field : CARRIED) {
      copy(oldMeta, meta, field);
    }
    meta.put("name", oldMeta.path("name").asText());
    copy(oldMeta, meta, "namespace");
    meta.with("annotations")
        .set(
            ObjectMeta.PATH_ANNOTATION,
            oldMeta.path("annotations").get(ObjectMeta.PATH_ANNOTATION));
    meta.remove("selfLink");
    if (type.hasSubresource("status")) {
      copyField(old, object, "status");
    }
    if (meta.has("generation") && !Objects.equals(old.get("spec"), object.get("spec"))) {
      meta.put("generation", oldMeta.path("generation").asLong() + 1);
    }
    return object;
  }

  /** Status update: everything but status comes from old. */
  static ObjectNode onStatusUpdate(ObjectNode body, ObjectNode old) {
    ObjectNode object = old.deepCopy();
    copyField(body, object, "status");
    return object;
  }

  /** Namespace finalize: only spec.finalizers comes from the request. */
  static ObjectNode onFinalize(ObjectNode body, ObjectNode old) {
    ObjectNode object = old.deepCopy();
    JsonNode finalizers = body.path("spec").get("finalizers");
    if (finalizers == null) {
      object.with("spec").remove("finalizers");
    } else {
      object.with("spec").set("finalizers", finalizers.deepCopy());
    }
    return object;
  }

  private static ObjectNode typed(ResourceType type, ObjectNode body) {
    ObjectNode object = body.objectNode();
    object.put("apiVersion", type.apiVersion());
    object.put("kind", type.kind());
    body.fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("apiVersion") && !e.getKey().equals("kind")) {
                object.set(e.getKey(), e.getValue());
              }
            });
    if (!object.has("metadata") || !object.get("metadata").isObject()) {
      object.putObject("metadata");
    }
    return object;
  }

  static boolean tracksGeneration(ObjectNode object) {
    return object.has("spec");
  }

  private static void copy(ObjectNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value == null) {
      to.remove(field);
    } else {
      to.set(field, value);
    }
  }

  private static void copyField(ObjectNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value == null) {
      to.remove(field);
    } else {
      to.set(field, value.deepCopy());
    }
  }
}
