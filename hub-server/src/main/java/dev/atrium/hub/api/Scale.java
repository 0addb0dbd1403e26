package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.storage.selection.LabelSelector;

/** The {@code autoscaling/v1 Scale} view of deployments, replicasets and statefulsets. */
final class Scale {

  private Scale() {}

  static ObjectNode of(ObjectNode object) {
    ObjectNode scale = JsonNodeFactory.instance.objectNode();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    JsonNode src = object.path("metadata");
    for (String f :
        new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      if (src.has(f)) {
        meta.set(f, src.get(f));
      }
    }
    scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", object.path("status").path("replicas").asInt(0));
    JsonNode selector = object.path("spec").path("selector");
    if (selector.isObject()) {
      status.put("selector", LabelSelector.fromLabelSelectorJson(selector).toString());
    }
    return scale;
  }

  /** Copies the desired replicas of {@code scale} into {@code object}. */
  static ObjectNode applyTo(ObjectNode object, ObjectNode scale) {
    JsonNode replicas = scale.path("spec").path("replicas");
    if (!replicas.isIntegralNumber() || replicas.asInt() < 0) {
      throw ApiException.invalid(
          "scale.autoscaling",
          "Scale.autoscaling",
          object.path("metadata").path("name").asText(),
          java.util.List.of(
              ApiException.Cause.invalidValue(
                  "spec.replicas", replicas.asText(), "must be greater than or equal to 0")));
    }
    String rv = scale.path("metadata").path("resourceVersion").asText("");
    if (!rv.isEmpty()) {
      ((ObjectNode) object.get("metadata")).put("resourceVersion", rv);
    }
    object.with("spec").put("replicas", replicas.asInt());
    return object;
  }
}
