package dev.atrium.model.workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Names of Atrium's workload API (SyncTarget, Placement) and the sync contract between the hub and
 * the sync agent: labels, annotations, finalizers, condition types, the syncer view's URL, the
 * agent's identity, and the stable hashes behind target keys and downstream namespace names.
 */
public final class Workload {

  public static final String GROUP = "workload.atrium.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String SYNC_TARGETS = "synctargets";
  public static final String SYNC_TARGET_KIND = "SyncTarget";
  public static final String PLACEMENTS = "placements";
  public static final String PLACEMENT_KIND = "Placement";

  /** On a SyncTarget: its key, set by the hub at creation, immutable. */
  public static final String KEY_LABEL = "workload.atrium.dev/key";

  /** {@code state.workload.atrium.dev/<key>: Sync} sends an object to target {@code <key>}. */
  public static final String STATE_LABEL_PREFIX = "state.workload.atrium.dev/";

  public static final String STATE_SYNC = "Sync";

  /** Held by the hub on every object labelled for a target until its agent deleted the copy. */
  public static final String SYNCER_FINALIZER_PREFIX = "workload.atrium.dev/syncer-";

  /** Held by a SyncTarget until the hub released its finalizers and the agent cleaned up. */
  public static final String SYNC_TARGET_FINALIZER = "workload.atrium.dev/sync-target";

  /** On every downstream object the agent creates: the key of the target it belongs to. */
  public static final String SYNC_TARGET_LABEL = "workload.atrium.dev/sync-target";

  /** On downstream namespaces: {"workspace":"root:a","namespace":"app"}. */
  public static final String NAMESPACE_LOCATOR = "workload.atrium.dev/namespace-locator";

  /**
   * On downstream objects: where they come from, {"workspace":..,"namespace":..,"name":..,
   * "generation":..}.
   */
  public static final String UPSTREAM_ANNOTATION = "workload.atrium.dev/upstream";

  /** On upstream objects: the target keys whose state labels Placements set (comma separated). */
  public static final String PLACED_ANNOTATION = "workload.atrium.dev/placed";

  /**
   * On upstream objects: {@code status.workload.atrium.dev/<key>} holds the status target {@code
   * <key>} reported (JSON); the object's own {@code status} is the aggregate over its targets.
   */
  public static final String STATUS_ANNOTATION_PREFIX = "status.workload.atrium.dev/";

  /** The field manager of every downstream server-side apply. */
  public static final String FIELD_MANAGER = "atrium-syncer";

  public static final String CONDITION_READY = "Ready";
  public static final String CONDITION_HEARTBEAT = "HeartbeatHealthy";

  /** On a deregistering SyncTarget: the agent deleted everything downstream (set by the agent). */
  public static final String CONDITION_DOWNSTREAM_CLEANED = "DownstreamCleaned";

  /** Condition type the agent reports on upstream objects it could not apply downstream. */
  public static final String CONDITION_SYNCED = "workload.atrium.dev/Synced";

  /** Path prefix of the syncer view: {@code /services/syncer/<workspace>/<target>}. */
  public static final String VIEW_PREFIX = "/services/syncer/";

  /** The agent's identity: a ServiceAccount in this namespace of the target's workspace. */
  public static final String AGENT_NAMESPACE = "default";

  public static final String AGENT_SERVICE_ACCOUNT_PREFIX = "atrium-syncer-";

  private static final int KEY_CHARS = 10;
  private static final int NAMESPACE_HASH_CHARS = 12;

  private Workload() {}

  /** The label that sends an object to target {@code key}. */
  public static String stateLabel(String key) {
    return STATE_LABEL_PREFIX + key;
  }

  /** The annotation holding target {@code key}'s own status of an object. */
  public static String statusAnnotation(String key) {
    return STATUS_ANNOTATION_PREFIX + key;
  }

  /** The finalizer the hub holds on objects synced to target {@code key}. */
  public static String syncerFinalizer(String key) {
    return SYNCER_FINALIZER_PREFIX + key;
  }

  /** The key of target {@code name} in workspace {@code workspace}: 10 hex characters. */
  public static String targetKey(String workspace, String name) {
    return hash(workspace + "\n" + name, KEY_CHARS);
  }

  /** Downstream namespace of workspace {@code workspace}'s namespace {@code namespace}. */
  public static String downstreamNamespace(String workspace, String namespace) {
    return "atrium-" + hash(workspace + "\n" + namespace, NAMESPACE_HASH_CHARS);
  }

  /** The ServiceAccount (in {@link #AGENT_NAMESPACE}) whose tokens act for target {@code name}. */
  public static String agentServiceAccount(String targetName) {
    return AGENT_SERVICE_ACCOUNT_PREFIX + targetName;
  }

  /** The syncer view's base path for target {@code name} of {@code workspace}. */
  public static String viewPath(String workspace, String name) {
    return VIEW_PREFIX + workspace + "/" + name;
  }

  /** Whether {@code workspace} is {@code served} or one of its descendants. */
  public static boolean serves(String served, String workspace) {
    return workspace.equals(served) || workspace.startsWith(served + ":");
  }

  private static String hash(String text, int chars) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder(chars);
      for (int i = 0; b.length() < chars; i++) {
        b.append(Character.forDigit((digest[i] >> 4) & 0xf, 16));
        b.append(Character.forDigit(digest[i] & 0xf, 16));
      }
      return b.substring(0, chars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
