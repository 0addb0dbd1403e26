package dev.atrium.hub.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An object as stored. {@code body} carries {@code metadata.resourceVersion} equal to {@code
 * revision}. Callers must not mutate {@code body}; use {@link #copyBody()}. The JSON text of the
 * body is computed once and shared, so a change fanned out to many watchers is serialized once.
 */
public final class StoredObject {

  private final ObjectKey key;
  private final ObjectNode body;
  private final long revision;
  private volatile String json;

  public StoredObject(ObjectKey key, ObjectNode body, long revision) {
    this.key = key;
    this.body = body;
    this.revision = revision;
  }

  public ObjectKey key() {
    return key;
  }

  public ObjectNode body() {
    return body;
  }

  public long revision() {
    return revision;
  }

  public ObjectNode copyBody() {
    return body.deepCopy();
  }

  /** The body as JSON text (cached). */
  public String json() {
    String text = json;
    if (text == null) {
      text = body.toString();
      json = text;
    }
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredObject other
        && revision == other.revision
        && key.equals(other.key)
        && body.equals(other.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, revision);
  }

  @Override
  public String toString() {
    return "StoredObject[key=" + key + ", revision=" + revision + "]";
  }
}
