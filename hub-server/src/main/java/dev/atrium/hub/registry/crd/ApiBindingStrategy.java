package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.Strategy;
import dev.atrium.model.apis.ApiBinding;
import dev.atrium.model.apis.ApiBindingSpec;
import dev.atrium.model.apis.ApiBindingStatus;
import dev.atrium.model.apis.Apis;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.meta.ModelJson;
import java.util.List;
import java.util.Optional;

/**
 * APIBindings start in phase Binding with the finalizer that holds them until the instances of
 * their resources are deleted; the reference and the recorded creator cannot change.
 */
public final class ApiBindingStrategy implements Strategy {

  @Override
  public void prepareForCreate(ResourceType type, ObjectNode object) {
    object.set("status", ModelJson.tree(ApiBindingStatus.inPhase(Apis.PHASE_BINDING)));
    List<String> finalizers = ObjectMeta.finalizers(object);
    if (!finalizers.contains(Apis.BINDING_FINALIZER)) {
      finalizers.add(Apis.BINDING_FINALIZER);
      ObjectMeta.setFinalizers(object, finalizers);
    }
  }

  @Override
  public void prepareForUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
    keepReference(object, old);
    String creator =
        old.path("metadata").path("annotations").path(Apis.CREATOR_ANNOTATION).asText("");
    if (!creator.isEmpty()) {
      ObjectMeta.of(object).with("annotations").put(Apis.CREATOR_ANNOTATION, creator);
    }
  }

  /** The stored reference wins over the new one; the rest of the new spec is kept. */
  private static void keepReference(ObjectNode object, ObjectNode old) {
    Optional<ApiBindingSpec> next = specOf(object);
    Optional<ApiBindingSpec> before = specOf(old);
    if (next.isPresent() && before.isPresent()) {
      object.set(
          "spec", ModelJson.tree(new ApiBindingSpec(before.get().reference(), next.get().extra())));
    }
  }

  private static Optional<ApiBindingSpec> specOf(ObjectNode object) {
    return ModelJson.tryRead(object, ApiBinding.class)
        .map(b -> b.spec() == null ? new ApiBindingSpec(null, null) : b.spec());
  }
}
