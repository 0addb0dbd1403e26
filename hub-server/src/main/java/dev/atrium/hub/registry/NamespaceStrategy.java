package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.catalog.ResourceType;

/**
 * Namespaces: phase Active on create, spec.finalizers [kubernetes]; deletion marks them Terminating
 * until the namespace controller has emptied them and removed the finalizer.
 */
final class NamespaceStrategy implements Strategy {

  static final String FINALIZER = "kubernetes";

  @Override
  public void prepareForCreate(ResourceType type, ObjectNode object) {
    object.putObject("status").put("phase", "Active");
    ArrayNode finalizers = object.with("spec").putArray("finalizers");
    finalizers.add(FINALIZER);
    ObjectMeta.of(object)
        .with("labels")
        .put("kubernetes.io/metadata.name", ObjectMeta.name(object));
  }

  @Override
  public void prepareForUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
    if (old.has("spec")) {
      object.set("spec", old.get("spec").deepCopy());
    }
    ObjectMeta.of(object)
        .with("labels")
        .put("kubernetes.io/metadata.name", ObjectMeta.name(object));
  }

  @Override
  public boolean needsGracefulDeletion(ObjectNode object) {
    return object.path("spec").path("finalizers").size() > 0;
  }

  @Override
  public void prepareForDeletion(ObjectNode object) {
    object.with("status").put("phase", "Terminating");
  }
}
