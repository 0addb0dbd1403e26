package dev.atrium.hub.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An object as stored. {@code body} carries {@code metadata.resourceVersion} equal to {@code
 * revision}. Callers must not mutate {@code body}; use {@link #copyBody()}.
 */
public record StoredObject(ObjectKey key, ObjectNode body, long revision) {

  public ObjectNode copyBody() {
    return body.deepCopy();
  }
}
