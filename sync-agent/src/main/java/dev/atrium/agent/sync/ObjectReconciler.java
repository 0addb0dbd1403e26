package dev.atrium.agent.sync;

import dev.atrium.agent.mapping.ObjectRef;
import dev.atrium.agent.mapping.SyncError;
import dev.atrium.agent.mapping.UpstreamObject;
import java.io.IOException;

/**
 * One queue key, one pass: gone upstream → {@link DeletionReconciler#deleteCopy}; being deleted →
 * {@link DeletionReconciler#release}; otherwise {@link ApplyReconciler}, {@link
 * DependencyReconciler}, then {@link StatusUpReconciler}. A failed apply is reported (Event +
 * Synced condition) and rethrown so the queue retries the key with backoff.
 */
public final class ObjectReconciler {

  private final UpstreamCache cache;
  private final ApplyReconciler apply;
  private final StatusUpReconciler status;
  private final DependencyReconciler dependencies;
  private final DeletionReconciler deletion;
  private final ErrorReporter errors;

  public ObjectReconciler(
      UpstreamCache cache,
      ApplyReconciler apply,
      DependencyReconciler dependencies,
      StatusUpReconciler status,
      DeletionReconciler deletion,
      ErrorReporter errors) {
    this.cache = cache;
    this.apply = apply;
    this.dependencies = dependencies;
    this.status = status;
    this.deletion = deletion;
    this.errors = errors;
  }

  /** Returns whether the downstream copy was (re-)applied. */
  public boolean reconcile(ObjectRef ref) throws IOException, InterruptedException {
    UpstreamObject up = cache.get(ref);
    if (up == null) {
      removed(ref);
    } else if (up.deleting()) {
      deletion.release(up);
      errors.clear(ref);
    } else {
      return sync(up);
    }
    return false;
  }

  private void removed(ObjectRef ref) {
    UpstreamObject last = cache.tombstone(ref);
    if (last != null) {
      deletion.deleteCopy(last);
      cache.clearTombstone(ref, last);
    }
    errors.clear(ref);
  }

  private boolean sync(UpstreamObject up) throws IOException, InterruptedException {
    ApplyReconciler.Result downstream;
    try {
      downstream = apply.reconcile(up);
    } catch (SyncFailure f) {
      failed(up, f.error());
      throw f;
    }
    errors.clear(up.ref());
    dependencies.reconcile(up, downstream.applied());
    status.reconcile(up, downstream.object(), null);
    return downstream.applied();
  }

  private void failed(UpstreamObject up, SyncError error) throws IOException, InterruptedException {
    errors.report(up, error);
    status.reconcile(up, null, error);
  }
}
