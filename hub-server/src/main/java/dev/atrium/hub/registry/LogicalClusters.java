package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.Workspace;
import dev.atrium.model.tenancy.WorkspacePath;
import dev.atrium.model.tenancy.WorkspaceSpec;
import dev.atrium.model.tenancy.WorkspaceStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which logical clusters exist, and their phase. Kept current by the workspace controller from the
 * change feed (every replica); a miss falls back to reading the Workspace object, so a workspace
 * that just became Ready on another replica is never reported missing.
 */
@ApplicationScoped
public class LogicalClusters {

  @Inject GenericRegistry registry;

  private final Map<String, Info> known = new ConcurrentHashMap<>();

  /** What the index keeps of a workspace. */
  public record Info(String phase, String type) {
    static Info of(ObjectNode workspace) {
      String type =
          typed(workspace)
              .map(Workspace::spec)
              .map(WorkspaceSpec::typeOrDefault)
              .orElse(Tenancy.DEFAULT_TYPE);
      return new Info(phaseOf(workspace), type);
    }
  }

  /** Records the current state of the workspace at {@code path}. */
  public void observe(String path, ObjectNode workspace) {
    known.put(path, Info.of(workspace));
  }

  public void forget(String path) {
    known.remove(path);
  }

  public int size() {
    return known.size();
  }

  /** How many known workspaces are in {@code phase} (for the {@code atrium_workspaces} gauge). */
  public long countInPhase(String phase) {
    return known.values().stream().filter(i -> i.phase().equals(phase)).count();
  }

  /** The phase of the workspace at {@code path}, or empty when there is none. */
  public Uni<Optional<String>> phase(String path) {
    if (path.equals(WorkspacePath.ROOT.value())) {
      return Uni.createFrom().item(Optional.of(Tenancy.PHASE_READY));
    }
    Info cached = known.get(path);
    if (cached != null && cached.phase().equals(Tenancy.PHASE_READY)) {
      return Uni.createFrom().item(Optional.of(Tenancy.PHASE_READY));
    }
    // Not known, or not Ready in this replica's index: the feed may lag a client that already saw
    // the workspace Ready, so the stored object decides.
    return read(new WorkspacePath(path)).map(i -> i.map(Info::phase));
  }

  /** The WorkspaceType name of the workspace at {@code path}, or empty when there is none. */
  public Uni<Optional<String>> type(WorkspacePath path) {
    if (path.isRoot()) {
      return Uni.createFrom().item(Optional.of("root"));
    }
    return info(path).map(i -> i.map(Info::type));
  }

  private Uni<Optional<Info>> info(WorkspacePath path) {
    Info cached = known.get(path.value());
    if (cached != null) {
      return Uni.createFrom().item(Optional.of(cached));
    }
    return read(path);
  }

  /** The Workspace object of a non-root path: named after its last segment, in its parent. */
  public static ObjectKey workspaceObject(WorkspacePath path) {
    return new ObjectKey(
        path.parent().orElseThrow().value(), Tenancy.GROUP, Tenancy.WORKSPACES, "", path.name());
  }

  private Uni<Optional<Info>> read(WorkspacePath path) {
    return registry
        .get(workspaceObject(path))
        .map(o -> Optional.of(Info.of(o.body())))
        .onFailure(StorageException.NotFound.class)
        .recoverWithItem(Optional.empty());
  }

  public static String phaseOf(ObjectNode workspace) {
    return typed(workspace)
        .map(Workspace::status)
        .map(WorkspaceStatus::phase)
        .orElse(Tenancy.PHASE_SCHEDULING);
  }

  private static Optional<Workspace> typed(ObjectNode workspace) {
    return ModelJson.tryRead(workspace, Workspace.class);
  }
}
