package dev.atrium.hub.registry.sync;

import dev.atrium.hub.storage.StoredObject;
import dev.atrium.model.workload.Workload;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every SyncTarget of the hub by key, as the SyncTarget controller's change feed reports them: what
 * the registry asks when it decides whether an object labelled for a key gets that key's finalizer.
 */
@ApplicationScoped
public class SyncTargetIndex {

  /** A registered target: its workspace, name and latest stored state. */
  public record Target(String key, String workspace, String name, StoredObject object) {

    public boolean deleting() {
      return object.body().path("metadata").has("deletionTimestamp");
    }

    /** Whether objects of {@code workspace} go to this target when labelled for it. */
    public boolean serves(String workspace) {
      return Workload.serves(this.workspace, workspace);
    }
  }

  private final Map<String, Target> byKey = new ConcurrentHashMap<>();
  private volatile boolean ready;

  /** Records a target's latest state; returns the previous entry for its key, if any. */
  public Optional<Target> observe(StoredObject target) {
    Target t = toTarget(target);
    return Optional.ofNullable(byKey.put(t.key(), t));
  }

  public void forget(StoredObject target) {
    byKey.remove(toTarget(target).key());
  }

  /** Replaces the whole index with a fresh list. */
  public void reset(Collection<StoredObject> targets) {
    byKey.clear();
    targets.forEach(this::observe);
    ready = true;
  }

  public boolean ready() {
    return ready;
  }

  public Optional<Target> byKey(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  public Collection<Target> all() {
    return byKey.values();
  }

  private static Target toTarget(StoredObject target) {
    String workspace = target.key().cluster();
    String name = target.key().name();
    return new Target(Workload.targetKey(workspace, name), workspace, name, target);
  }
}
