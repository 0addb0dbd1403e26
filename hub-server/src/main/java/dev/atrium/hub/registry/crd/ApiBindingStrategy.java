package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.Strategy;
import dev.atrium.model.apis.Apis;
import dev.atrium.model.catalog.ResourceType;
import java.util.List;

/**
 * APIBindings start in phase Binding with the finalizer that holds them until the instances of
 * their resources are deleted; the reference and the recorded creator cannot change.
 */
public final class ApiBindingStrategy implements Strategy {

  @Override
  public void prepareForCreate(ResourceType type, ObjectNode object) {
    object.putObject("status").put("phase", Apis.PHASE_BINDING);
    List<String> finalizers = ObjectMeta.finalizers(object);
    if (!finalizers.contains(Apis.BINDING_FINALIZER)) {
      finalizers.add(Apis.BINDING_FINALIZER);
      ObjectMeta.setFinalizers(object, finalizers);
    }
  }

  @Override
  public void prepareForUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
    object.with("spec").set("reference", old.path("spec").path("reference").deepCopy());
    String creator =
        old.path("metadata").path("annotations").path(Apis.CREATOR_ANNOTATION).asText("");
    if (!creator.isEmpty()) {
      ObjectMeta.of(object).with("annotations").put(Apis.CREATOR_ANNOTATION, creator);
    }
  }
}
