package dev.atrium.hub.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.LogicalClusters;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.WorkspaceTypes;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.Workspace;
import dev.atrium.model.tenancy.WorkspacePath;
import dev.atrium.model.tenancy.WorkspaceSpec;
import dev.atrium.model.tenancy.WorkspaceTypeSpec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Workspace creation: records the creator (who becomes cluster-admin of the new workspace) and
 * enforces the WorkspaceType rules (allowed parents of the child's type, allowed children of the
 * parent's type). Types are looked up in the parent workspace, then in root.
 */
@ApplicationScoped
public class WorkspaceAdmission {

  @Inject LogicalClusters clusters;
  @Inject WorkspaceTypes workspaceTypes;

  public static boolean applies(ResourceType type) {
    return type.group().equals(Tenancy.GROUP) && type.plural().equals(Tenancy.WORKSPACES);
  }

  public Uni<Void> admitCreate(String cluster, ObjectNode workspace, UserInfo user) {
    recordOwner(workspace, user);
    Optional<WorkspaceSpec> spec =
        ModelJson.tryRead(workspace, Workspace.class)
            .map(ws -> ws.spec() == null ? WorkspaceSpec.ofType(null) : ws.spec());
    if (spec.isEmpty()) {
      return Uni.createFrom().voidItem(); // of another shape: the registry's validation says so
    }
    String effective = spec.get().typeOrDefault();
    workspace.set("spec", ModelJson.tree(new WorkspaceSpec(effective, spec.get().extra())));
    WorkspacePath parent = new WorkspacePath(cluster);
    return parentType(parent)
        .chain(parentTypeName -> checkTypes(parent, parentTypeName, effective));
  }

  private static void recordOwner(ObjectNode workspace, UserInfo user) {
    ObjectNode owner = workspace.objectNode();
    owner.put("username", user.name());
    var groups = owner.putArray("groups");
    user.groups().forEach(groups::add);
    ObjectMeta.of(workspace).with("annotations").put(Tenancy.OWNER_ANNOTATION, owner.toString());
  }

  private Uni<String> parentType(WorkspacePath parent) {
    return clusters.type(parent).map(type -> type.orElse(Tenancy.DEFAULT_TYPE));
  }

  private Uni<Void> checkTypes(WorkspacePath parent, String parentTypeName, String childTypeName) {
    return Uni.combine()
        .all()
        .unis(type(parent, childTypeName), type(parent, parentTypeName))
        .asTuple()
        .map(
            types -> {
              WorkspaceTypeSpec child = types.getItem1();
              if (child == null) {
                throw ApiException.invalid(
                    "workspaces.tenancy.atrium.dev",
                    "Workspace",
                    "",
                    java.util.List.of(
                        ApiException.Cause.invalidValue(
                            "spec.type", childTypeName, "workspace type not found")));
              }
              WorkspaceTypeSpec parentType = types.getItem2();
              if (!child.allowsParent(parentTypeName)
                  || (parentType != null && !parentType.allowsChild(childTypeName))) {
                throw notAllowed(childTypeName, parentTypeName);
              }
              return null;
            });
  }

  private static ApiException notAllowed(String childType, String parentType) {
    return new ApiException(
        403,
        "Forbidden",
        "workspace type \""
            + childType
            + "\" is not allowed below a workspace of type \""
            + parentType
            + "\"",
        null);
  }

  /** A WorkspaceType by name from the parent workspace, else from root; null when absent. */
  private Uni<WorkspaceTypeSpec> type(WorkspacePath parent, String name) {
    return workspaceTypes.resolve(parent.value(), name);
  }
}
