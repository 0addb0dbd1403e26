package dev.atrium.hub.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One write of a group given to {@link Store#writeAll}. {@code after} is, for an update, the index
 * (in the group) of an earlier write whose resulting revision this update expects; -1 otherwise.
 */
public record Write(Kind kind, ObjectKey key, ObjectNode body, long expectedRevision, int after) {

  /** What the write does. */
  public enum Kind {
    /** Create; an existing object fails the group with AlreadyExists. */
    CREATE,
    /** Create unless the object exists; an existing object is left as it is. */
    CREATE_IF_ABSENT,
    /** Replace the object if its revision is the expected one (0 = any). */
    UPDATE
  }

  public static Write create(ObjectKey key, ObjectNode body) {
    return new Write(Kind.CREATE, key, body, 0, -1);
  }

  public static Write createIfAbsent(ObjectKey key, ObjectNode body) {
    return new Write(Kind.CREATE_IF_ABSENT, key, body, 0, -1);
  }

  public static Write update(ObjectKey key, ObjectNode body, long expectedRevision) {
    return new Write(Kind.UPDATE, key, body, expectedRevision, -1);
  }

  /** This create as a create-if-absent. */
  public Write ifAbsent() {
    return new Write(Kind.CREATE_IF_ABSENT, key, body, 0, -1);
  }

  /** An update of the object that write {@code index} of the same group has just written. */
  public static Write updateAfter(ObjectKey key, ObjectNode body, int index) {
    return new Write(Kind.UPDATE, key, body, 0, index);
  }
}
