package dev.atrium.hub.registry;

/**
 * Options common to writes.
 *
 * @param dryRun nothing is stored; the response is what would have been stored
 * @param fieldManager the writer's field manager name, or null
 */
public record WriteOptions(boolean dryRun, String fieldManager) {
  public static final WriteOptions DEFAULT = new WriteOptions(false, null);
}
