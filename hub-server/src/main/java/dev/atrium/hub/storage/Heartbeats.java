package dev.atrium.hub.storage;

import java.time.Instant;
import java.util.Optional;

/**
 * The cheap path of sync agents' heartbeats (a Lease, not an object write): the last heartbeat per
 * SyncTarget key, shared by every hub replica, with no revision, no change-log row and no watch
 * event. SyncTarget status is written only when something other than the heartbeat time changes.
 */
public interface Heartbeats {

  /** Records a heartbeat of target {@code key} received now (written in batches). */
  void record(String key, Instant at);

  /** The last heartbeat of {@code key} this replica knows of (its own, or read from the others). */
  Optional<Instant> last(String key);

  /** The later of two instants. */
  static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
