package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.WorkspacePath;
import java.util.List;

/**
 * Workspaces: default type, phase Scheduling on create, the workspace finalizer that holds the
 * object until its logical cluster is deleted; names are DNS labels (they become path segments).
 */
final class WorkspaceStrategy implements Strategy {

  @Override
  public void prepareForCreate(ResourceType type, ObjectNode object) {
    ObjectNode spec = object.with("spec");
    if (spec.path("type").asText("").isEmpty()) {
      spec.put("type", Tenancy.DEFAULT_TYPE);
    }
    object.putObject("status").put("phase", Tenancy.PHASE_SCHEDULING);
    List<String> finalizers = ObjectMeta.finalizers(object);
    if (!finalizers.contains(Tenancy.WORKSPACE_FINALIZER)) {
      finalizers.add(Tenancy.WORKSPACE_FINALIZER);
    }
    ObjectMeta.setFinalizers(object, finalizers);
  }

  @Override
  public void prepareForUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
    object.with("spec").set("type", old.path("spec").path("type").deepCopy());
  }

  @Override
  public List<ApiException.Cause> validate(ResourceType type, ObjectNode object) {
    String name = ObjectMeta.name(object);
    if (WorkspacePath.validName(name)) {
      return List.of();
    }
    return List.of(
        ApiException.Cause.invalidValue(
            "metadata.name",
            name,
            "a workspace name must be a lowercase RFC 1123 label of at most 63 characters"));
  }
}
