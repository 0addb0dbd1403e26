package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.WorkspacePath;
import dev.atrium.model.tenancy.WorkspaceType;
import dev.atrium.model.tenancy.WorkspaceTypeSpec;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WorkspaceTypes of every workspace, kept in memory from the change feed (an informer cache, as
 * Kubernetes admission uses). A name resolves in the given workspace first, then in root; only when
 * neither is cached is the database asked, so a type created a moment ago on another replica is
 * still found.
 */
@ApplicationScoped
public class WorkspaceTypes {

  private static final WorkspaceTypeSpec EMPTY = new WorkspaceTypeSpec(null, null, null, null);

  private static final ResourceScope ALL =
      new ResourceScope(ResourceScope.ALL_CLUSTERS, Tenancy.GROUP, Tenancy.WORKSPACE_TYPES, "");

  @Inject GenericRegistry registry;
  @Inject StoreFeeds feeds;

  private final Map<ObjectKey, WorkspaceTypeSpec> types = new ConcurrentHashMap<>();

  void start(@Observes StartupEvent event) {
    feeds.start(ALL, StoreFeed.Handler.of(this::reset, this::onChange), true);
  }

  private void reset(List<StoredObject> items) {
    types.clear();
    items.forEach(o -> types.put(o.key(), spec(o.body())));
  }

  private void onChange(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      types.remove(event.object().key());
    } else {
      types.put(event.object().key(), spec(event.object().body()));
    }
  }

  /** The spec of type {@code name} as seen from workspace {@code cluster}; null when none. */
  public Uni<WorkspaceTypeSpec> resolve(String cluster, String name) {
    ObjectKey local = key(cluster, name);
    ObjectKey root = key(WorkspacePath.ROOT.value(), name);
    WorkspaceTypeSpec cached = types.getOrDefault(local, types.get(root));
    if (cached != null) {
      return Uni.createFrom().item(cached);
    }
    return read(local)
        .chain(
            found ->
                found != null || local.equals(root) ? Uni.createFrom().item(found) : read(root));
  }

  private Uni<WorkspaceTypeSpec> read(ObjectKey key) {
    return registry
        .get(key)
        .map(o -> spec(o.body()))
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull();
  }

  /** A type's spec; empty (no rules) when unset or, stored before validation, of another shape. */
  static WorkspaceTypeSpec spec(JsonNode body) {
    return ModelJson.tryRead(body, WorkspaceType.class).map(WorkspaceType::spec).orElse(EMPTY);
  }

  private static ObjectKey key(String cluster, String name) {
    return new ObjectKey(cluster, Tenancy.GROUP, Tenancy.WORKSPACE_TYPES, "", name);
  }
}
