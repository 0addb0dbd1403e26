package dev.atrium.hub.storage.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoredObject;
import io.vertx.pgclient.PgException;
import java.io.IOException;

/** Bodies in and out of jsonb: the stored body never carries resourceVersion; reads add it. */
final class RowMapping {

  /** Field names not interned: a stored body may carry 100,000 distinct keys. */
  static final ObjectMapper JSON =
      new ObjectMapper(new JsonFactory().disable(JsonFactory.Feature.INTERN_FIELD_NAMES));

  private RowMapping() {}

  static String bodyForStorage(ObjectNode body) {
    ObjectNode metadata = (ObjectNode) body.get("metadata");
    if (metadata == null || !metadata.has("resourceVersion")) {
      return body.toString();
    }
    ObjectNode copy = body.deepCopy();
    ((ObjectNode) copy.get("metadata")).remove("resourceVersion");
    return copy.toString();
  }

  static StoredObject stored(ObjectKey key, String bodyText, long revision) {
    return stored(key, parse(bodyText), revision);
  }

  /** A stored object parsed only when its body is first used. */
  static StoredObject lazy(ObjectKey key, String bodyText, long revision) {
    return StoredObject.lazy(key, revision, () -> withRevision(parse(bodyText), revision));
  }

  static StoredObject stored(ObjectKey key, ObjectNode body, long revision) {
    return new StoredObject(key, withRevision(body, revision), revision);
  }

  private static ObjectNode withRevision(ObjectNode body, long revision) {
    body.with("metadata").put("resourceVersion", Long.toString(revision));
    return body;
  }

  static ObjectNode parse(String bodyText) {
    try {
      return (ObjectNode) JSON.readTree(bodyText);
    } catch (IOException e) {
      throw new StorageException.Unavailable("corrupt stored body", e);
    }
  }

  /** Turns the SQLSTATEs raised by the write functions into typed storage errors. */
  static Throwable translate(Throwable failure, ObjectKey key) {
    if (failure instanceof PgException pg) {
      switch (pg.getSqlState()) {
        case "AT001":
          return new StorageException.AlreadyExists(key);
        case "AT404":
          return new StorageException.NotFound(key);
        case "AT409":
          return new StorageException.Conflict(key);
        default:
          return new StorageException.Unavailable("database error: " + pg.getMessage(), pg);
      }
    }
    if (failure instanceof StorageException) {
      return failure;
    }
    return new StorageException.Unavailable(
        "database unavailable: " + failure.getMessage(), failure);
  }
}
