package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.WorkspaceType;
import dev.atrium.model.tenancy.WorkspaceTypeSpec;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The built-in WorkspaceTypes, stored in root so they are visible and editable like any object:
 * root; universal (any parent, the default); organization (below root); team (below an
 * organization).
 */
@ApplicationScoped
public class BuiltinWorkspaceTypes {

  @Inject GenericRegistry registry;
  @Inject ApiResources apiResources;

  public Uni<Void> ensure() {
    ResourceType type =
        apiResources.byResource("root", Tenancy.GROUP, Tenancy.WORKSPACE_TYPES).orElseThrow();
    return Multi.createFrom()
        .iterable(types())
        .onItem()
        .transformToUniAndConcatenate(
            t ->
                registry
                    .create(type, "root", "", t, WriteOptions.DEFAULT)
                    .replaceWithVoid()
                    .onFailure(StorageException.AlreadyExists.class)
                    .recoverWithNull())
        .collect()
        .last()
        .replaceWithVoid();
  }

  static List<ObjectNode> types() {
    return List.of(
        type("root", List.of("none"), List.of(), "universal"),
        type("universal", List.of(), List.of(), "universal"),
        type("organization", List.of("root"), List.of(), "team"),
        type("team", List.of("organization"), List.of(), "universal"));
  }

  private static ObjectNode type(
      String name, List<String> parents, List<String> children, String defaultChild) {
    WorkspaceTypeSpec spec =
        new WorkspaceTypeSpec(
            parents.isEmpty() ? null : parents,
            children.isEmpty() ? null : children,
            defaultChild,
            List.of("default"));
    ObjectNode t = ModelJson.tree(WorkspaceType.named(name, spec));
    t.remove(List.of("apiVersion", "kind"));
    return t;
  }
}
