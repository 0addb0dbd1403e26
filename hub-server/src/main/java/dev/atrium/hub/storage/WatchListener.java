package dev.atrium.hub.storage;

/** Receives a watch's events in revision order, on one thread at a time. */
public interface WatchListener {

  void onEvent(WatchEvent event);

  /** Progress with no matching event: everything up to {@code revision} has been delivered. */
  default void onProgress(long revision) {}

  /** The watch ended with an error (e.g. {@link StorageException.Expired}); no more calls. */
  void onError(StorageException error);
}
