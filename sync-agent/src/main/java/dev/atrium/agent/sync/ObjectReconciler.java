package dev.atrium.agent.sync;

import dev.atrium.agent.mapping.ObjectRef;
import dev.atrium.agent.mapping.SyncError;
import dev.atrium.agent.mapping.UpstreamObject;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * One queue key, one pass, in two halves that run from two queues.
 *
 * <p>{@link #reconcile} (the apply queue): gone upstream → {@link DeletionReconciler#deleteCopy};
 * being deleted → {@link DeletionReconciler#release}; otherwise {@link ApplyReconciler} then {@link
 * DependencyReconciler}. A failed apply is reported (Event) and rethrown so the queue retries the
 * key with backoff. Either way the key is handed to {@code statusNeeded}.
 *
 * <p>{@link #reconcileStatus} (the status queue): {@link StatusUpReconciler} with the downstream
 * copy, or with the last apply error. It is the only writer of the upstream status, so an apply
 * never waits for a status write and a status write never races an error condition.
 */
public final class ObjectReconciler {

  private final UpstreamCache cache;
  private final ApplyReconciler apply;
  private final StatusUpReconciler status;
  private final DependencyReconciler dependencies;
  private final DeletionReconciler deletion;
  private final ErrorReporter errors;
  private final Consumer<ObjectRef> statusNeeded;

  public ObjectReconciler(
      UpstreamCache cache,
      ApplyReconciler apply,
      DependencyReconciler dependencies,
      StatusUpReconciler status,
      DeletionReconciler deletion,
      ErrorReporter errors,
      Consumer<ObjectRef> statusNeeded) {
    this.cache = cache;
    this.apply = apply;
    this.dependencies = dependencies;
    this.status = status;
    this.deletion = deletion;
    this.errors = errors;
    this.statusNeeded = statusNeeded;
  }

  /** The apply half; returns whether the downstream copy was (re-)applied. */
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

  /** The status half; returns whether a status was written. */
  public boolean reconcileStatus(ObjectRef ref) throws IOException, InterruptedException {
    UpstreamObject up = cache.get(ref);
    if (up == null || up.deleting()) {
      return false;
    }
    SyncError error = errors.current(ref);
    return status.reconcile(up, error == null ? apply.current(up) : null, error);
  }

  /**
   * Whether a downstream change of {@code ref}'s copy needs the apply queue (drift, a deleted copy,
   * an object that left the view) and not only a status write.
   */
  public boolean needsApply(ObjectRef ref) {
    UpstreamObject up = cache.get(ref);
    return up == null || up.deleting() || apply.drifted(up);
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
      errors.report(up, f.error());
      statusNeeded.accept(up.ref());
      throw f;
    }
    errors.clear(up.ref());
    dependencies.reconcile(up, downstream.applied());
    statusNeeded.accept(up.ref());
    return downstream.applied();
  }
}
