package dev.atrium.hub.storage;

/**
 * One change as seen by a watcher. For {@link Type#DELETED} the object is the last state, with the
 * deletion's revision as resourceVersion. {@code previous} is the state before the change, or null
 * for ADDED (used to turn a change that leaves a selector into DELETED).
 */
public record WatchEvent(Type type, StoredObject object, StoredObject previous) {

  public enum Type {
    ADDED,
    MODIFIED,
    DELETED
  }

  public long revision() {
    return object.revision();
  }
}
