package dev.atrium.hub.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An object as stored. {@code body} carries {@code metadata.resourceVersion} equal to {@code
 * revision}. Callers must not mutate {@code body}; use {@link #copyBody()}. The JSON text of the
 * body is computed once and shared, so a change fanned out to many watchers is serialized once.
 */
public final class StoredObject {

  private final ObjectKey key;
  private final long revision;
  private volatile ObjectNode body;
  private Supplier<ObjectNode> source;
  private volatile String json;

  public StoredObject(ObjectKey key, ObjectNode body, long revision) {
    this.key = key;
    this.body = body;
    this.revision = revision;
  }

  private StoredObject(ObjectKey key, long revision, Supplier<ObjectNode> source) {
    this.key = key;
    this.revision = revision;
    this.source = source;
  }

  /**
   * An object whose body is produced (parsed) on first use: a change fanned out to watchers that
   * only look at its key is never parsed.
   */
  public static StoredObject lazy(ObjectKey key, long revision, Supplier<ObjectNode> source) {
    return new StoredObject(key, revision, source);
  }

  public ObjectKey key() {
    return key;
  }

  public ObjectNode body() {
    ObjectNode value = body;
    if (value == null) {
      synchronized (this) {
        value = body;
        if (value == null) {
          value = source.get();
          body = value;
          source = null;
        }
      }
    }
    return value;
  }

  public long revision() {
    return revision;
  }

  public ObjectNode copyBody() {
    return body().deepCopy();
  }

  /** The body as JSON text (cached). */
  public String json() {
    String text = json;
    if (text == null) {
      text = body().toString();
      json = text;
    }
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredObject other
        && revision == other.revision
        && key.equals(other.key)
        && body().equals(other.body());
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
