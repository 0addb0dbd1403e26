package dev.atrium.hub.storage;

/** Typed storage failures; turned into Kubernetes {@code Status} in one place in the API layer. */
public abstract sealed class StorageException extends RuntimeException
    permits StorageException.NotFound,
        StorageException.AlreadyExists,
        StorageException.Conflict,
        StorageException.Expired,
        StorageException.TooLarge,
        StorageException.Unavailable {

  private final ObjectKey key;

  protected StorageException(String message, ObjectKey key, Throwable cause) {
    super(message, cause, false, false);
    this.key = key;
  }

  public ObjectKey key() {
    return key;
  }

  public static final class NotFound extends StorageException {
    public NotFound(ObjectKey key) {
      super("not found: " + key, key, null);
    }
  }

  public static final class AlreadyExists extends StorageException {
    public AlreadyExists(ObjectKey key) {
      super("already exists: " + key, key, null);
    }
  }

  public static final class Conflict extends StorageException {
    public Conflict(ObjectKey key) {
      super("revision conflict: " + key, key, null);
    }
  }

  /** A revision or continue token older than the compaction watermark. */
  public static final class Expired extends StorageException {
    private final long requested;
    private final long oldest;

    public Expired(long requested, long oldest) {
      super("too old resource version: " + requested + " (" + oldest + ")", null, null);
      this.requested = requested;
      this.oldest = oldest;
    }

    public long requested() {
      return requested;
    }

    public long oldest() {
      return oldest;
    }
  }

  public static final class TooLarge extends StorageException {
    public TooLarge(ObjectKey key, int bytes) {
      super("object too large: " + bytes + " bytes", key, null);
    }
  }

  public static final class Unavailable extends StorageException {
    public Unavailable(String message, Throwable cause) {
      super(message, null, cause);
    }
  }
}
