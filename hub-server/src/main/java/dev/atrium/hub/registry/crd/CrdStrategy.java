package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.Strategy;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.ResourceType;
import java.util.List;

/**
 * CustomResourceDefinitions, as apiextensions-apiserver's strategy and REST delete: defaults, fresh
 * status with storedVersions on create, the storage version added to storedVersions on update, and
 * deletion that adds the {@value #CLEANUP_FINALIZER} finalizer and a Terminating condition.
 */
public final class CrdStrategy implements Strategy {

  public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

  @Override
  public void prepareForCreate(ResourceType type, ObjectNode crd) {
    applyDefaults(crd);
    ObjectNode status = crd.putObject("status");
    status.putObject("acceptedNames").put("plural", "").put("kind", "");
    status.putArray("conditions");
    status.putArray("storedVersions");
    addStoredVersion(crd);
  }

  @Override
  public void prepareForUpdate(ResourceType type, ObjectNode crd, ObjectNode old) {
    applyDefaults(crd);
    addStoredVersion(crd);
  }

  @Override
  public List<ApiException.Cause> validate(ResourceType type, ObjectNode crd) {
    return CrdValidation.validate(crd);
  }

  /** A CRD is only marked on delete; the CRD controller removes its objects, then it goes. */
  @Override
  public boolean needsGracefulDeletion(ObjectNode crd) {
    return !ObjectMeta.deleting(crd);
  }

  @Override
  public void prepareForDeletion(ObjectNode crd) {
    List<String> finalizers = ObjectMeta.finalizers(crd);
    if (!finalizers.contains(CLEANUP_FINALIZER)) {
      finalizers.add(CLEANUP_FINALIZER);
      ObjectMeta.setFinalizers(crd, finalizers);
    }
    CrdConditions.set(
        crd.with("status"),
        CrdConditions.TERMINATING,
        "True",
        "InstanceDeletionPending",
        "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon");
  }

  private static void applyDefaults(ObjectNode crd) {
    ObjectNode spec = crd.with("spec");
    ObjectNode names = spec.with("names");
    CrdNames defaulted = CrdNames.requested(crd);
    if (!defaulted.kind().isEmpty()) {
      names.put("singular", defaulted.singular());
      names.put("listKind", defaulted.listKind());
    }
    if (!spec.path("conversion").has("strategy")) {
      spec.with("conversion").put("strategy", "None");
    }
  }

  private static void addStoredVersion(ObjectNode crd) {
    String storage = CrdTypes.storageVersion(crd);
    ArrayNode stored = crd.with("status").withArray("storedVersions");
    for (JsonNode v : stored) {
      if (v.asText().equals(storage)) {
        return;
      }
    }
    if (!storage.isEmpty()) {
      stored.add(storage);
    }
  }
}
