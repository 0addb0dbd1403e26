package dev.atrium.hub.storage;

/** A running watch; {@link #close()} stops delivery. */
public interface WatchSubscription extends AutoCloseable {
  @Override
  void close();
}
