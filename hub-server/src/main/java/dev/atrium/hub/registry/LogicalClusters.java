package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.WorkspacePath;
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

  private final Map<String, String> phases = new ConcurrentHashMap<>();

  public void observe(String path, String phase) {
    phases.put(path, phase);
  }

  public void forget(String path) {
    phases.remove(path);
  }

  public int size() {
    return phases.size();
  }

  /** The phase of the workspace at {@code path}, or empty when there is none. */
  public Uni<Optional<String>> phase(String path) {
    if (path.equals(WorkspacePath.ROOT.value())) {
      return Uni.createFrom().item(Optional.of(Tenancy.PHASE_READY));
    }
    String known = phases.get(path);
    if (known != null) {
      return Uni.createFrom().item(Optional.of(known));
    }
    return read(new WorkspacePath(path));
  }

  /** The Workspace object of a non-root path: named after its last segment, in its parent. */
  public static ObjectKey workspaceObject(WorkspacePath path) {
    return new ObjectKey(
        path.parent().orElseThrow().value(), Tenancy.GROUP, Tenancy.WORKSPACES, "", path.name());
  }

  private Uni<Optional<String>> read(WorkspacePath path) {
    return registry
        .get(workspaceObject(path))
        .map(o -> Optional.of(phaseOf(o.body())))
        .onFailure(StorageException.NotFound.class)
        .recoverWithItem(Optional.empty());
  }

  public static String phaseOf(ObjectNode workspace) {
    return workspace.path("status").path("phase").asText(Tenancy.PHASE_SCHEDULING);
  }
}
