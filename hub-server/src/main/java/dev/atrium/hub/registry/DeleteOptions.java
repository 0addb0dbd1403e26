package dev.atrium.hub.registry;

/**
 * Kubernetes {@code DeleteOptions} as far as the hub honours them.
 *
 * @param propagationPolicy Background, Foreground or Orphan (null = the kind's default)
 * @param uid precondition, or null
 * @param resourceVersion precondition, or null
 * @param dryRun nothing is changed
 */
public record DeleteOptions(
    String propagationPolicy, String uid, String resourceVersion, boolean dryRun) {
  public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, false);
}
