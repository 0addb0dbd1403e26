package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.Workspace;
import dev.atrium.model.tenancy.WorkspacePath;
import dev.atrium.model.tenancy.WorkspaceSpec;
import dev.atrium.model.tenancy.WorkspaceStatus;
import java.util.List;
import java.util.Optional;

/**
 * Workspaces: default type, phase Scheduling on create, the workspace finalizer that holds the
 * object until its logical cluster is deleted; names are DNS labels (they become path segments).
 */
final class WorkspaceStrategy implements Strategy {

  @Override
  public void prepareForCreate(ResourceType type, ObjectNode object) {
    ModelJson.tryRead(object, Workspace.class)
        .ifPresent(
            ws -> {
              WorkspaceSpec spec = ws.spec() == null ? WorkspaceSpec.ofType(null) : ws.spec();
              object.set(
                  "spec", ModelJson.tree(new WorkspaceSpec(spec.typeOrDefault(), spec.extra())));
            });
    object.set("status", ModelJson.tree(WorkspaceStatus.inPhase(Tenancy.PHASE_SCHEDULING)));
    List<String> finalizers = ObjectMeta.finalizers(object);
    if (!finalizers.contains(Tenancy.WORKSPACE_FINALIZER)) {
      finalizers.add(Tenancy.WORKSPACE_FINALIZER);
    }
    ObjectMeta.setFinalizers(object, finalizers);
  }

  @Override
  public void prepareForUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
    Optional<WorkspaceSpec> next = specOf(object);
    Optional<WorkspaceSpec> before = specOf(old);
    if (next.isPresent() && before.isPresent()) {
      object.set(
          "spec", ModelJson.tree(new WorkspaceSpec(before.get().type(), next.get().extra())));
    }
  }

  /** The spec, empty when absent or of another shape (validation reports that). */
  private static Optional<WorkspaceSpec> specOf(ObjectNode object) {
    return ModelJson.tryRead(object, Workspace.class)
        .map(ws -> ws.spec() == null ? WorkspaceSpec.ofType(null) : ws.spec());
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
