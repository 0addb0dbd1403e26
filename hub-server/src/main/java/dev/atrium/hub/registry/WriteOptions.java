package dev.atrium.hub.registry;

/**
 * Options common to writes.
 *
 * @param dryRun nothing is stored; the response is what would have been stored
 * @param fieldManager the writer's field manager name, or null (then the hub's own)
 * @param applied the object already carries the managedFields of a server-side apply, so the write
 *     is not recorded as an Update
 */
public record WriteOptions(boolean dryRun, String fieldManager, boolean applied) {
  public static final WriteOptions DEFAULT = new WriteOptions(false, null);

  public WriteOptions(boolean dryRun, String fieldManager) {
    this(dryRun, fieldManager, false);
  }
}
