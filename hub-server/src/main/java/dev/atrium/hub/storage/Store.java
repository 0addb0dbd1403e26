package dev.atrium.hub.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;

/**
 * The Kubernetes storage contract over one global revision (see DESIGN.md "Storage contract").
 * Every write gets the next revision; that revision is the object's resourceVersion. Failures are
 * {@link StorageException} subtypes.
 *
 * <p>Writes take ownership of the body they are given: the caller must not change it afterwards,
 * and the returned object's body is that same tree with its resourceVersion set (no copy per
 * write). Stored bodies are read-only for everyone; {@link StoredObject#copyBody()} is for changes.
 */
public interface Store {

  /** Stores a new object. Fails with {@link StorageException.AlreadyExists}. */
  Uni<StoredObject> create(ObjectKey key, ObjectNode body);

  /**
   * Writes {@code writes} in one transaction, in order: either every one takes effect or none does,
   * and the call fails with the error of the write that failed. A {@link
   * Write.Kind#CREATE_IF_ABSENT} of an object that exists is skipped (its entry in the result is
   * null); every other entry is the stored object with its new revision. The bodies are owned by
   * the store, as for single writes.
   */
  Uni<java.util.List<StoredObject>> writeAll(java.util.List<Write> writes);

  /** Reads the latest state. Fails with {@link StorageException.NotFound}. */
  Uni<StoredObject> get(ObjectKey key);

  /**
   * Replaces the object if its revision is still {@code expectedRevision}. Fails with {@link
   * StorageException.Conflict} when it moved on, {@link StorageException.NotFound} when absent.
   */
  Uni<StoredObject> update(ObjectKey key, ObjectNode body, long expectedRevision);

  /**
   * Removes the object if its revision is {@code expectedRevision} (0 = any). Returns the last
   * state with the deletion's revision.
   */
  Uni<StoredObject> delete(ObjectKey key, long expectedRevision);

  /**
   * Lists one snapshot. The first page reads the latest state (or {@code atRevision}); later pages
   * continue in the first page's snapshot. A snapshot older than the compaction watermark fails
   * with {@link StorageException.Expired}.
   */
  Uni<ListPage> list(ListRequest request);

  /** The latest committed revision. */
  Uni<Long> currentRevision();

  /**
   * Streams every change after {@code fromRevision} that the selection matches. Fails the watch
   * with {@link StorageException.Expired} when {@code fromRevision} is older than the watermark.
   */
  WatchSubscription watch(
      ResourceScope scope,
      dev.atrium.hub.storage.selection.Selection selection,
      long fromRevision,
      WatchListener listener);

  /**
   * Deletes every object of logical cluster {@code path} and of the clusters below it ({@code
   * path:...}), each as a DELETED change. Returns how many objects were deleted.
   */
  Uni<Long> deleteClusters(String path);

  /** Objects in {@code cluster} with an ownerReference to {@code ownerUid}. */
  Uni<java.util.List<StoredObject>> dependents(String cluster, String ownerUid);

  /**
   * Removes change-log history at or below {@code watermark}; later lists/watches there get 410.
   */
  Uni<Long> compact(long watermark);

  /** The oldest revision still answerable. */
  Uni<Long> watermark();
}
