package dev.atrium.hub.storage.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.ObjectKey;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The bodies this replica has just written, by revision, until its change feed delivers them: the
 * feed then hands consumers the tree already in memory instead of parsing the row's JSON again.
 * Bodies are shared read-only (a store takes ownership of what it writes). Entries the feed has
 * passed are dropped, so the map holds at most the writes in flight between commit and feed.
 */
final class RecentWrites {

  private static final int MAX_ENTRIES = 4096;

  private record Written(ObjectKey key, ObjectNode body) {}

  private final ConcurrentSkipListMap<Long, Written> byRevision = new ConcurrentSkipListMap<>();

  /**
   * Remembers a committed write the feed has not delivered yet ({@code feedAt} is its position).
   */
  void add(ObjectKey key, long revision, ObjectNode body, long feedAt) {
    if (revision > feedAt && byRevision.size() < MAX_ENTRIES) {
      byRevision.put(revision, new Written(key, body));
    }
  }

  /** The body written at {@code revision} for {@code key}, if this replica wrote it; else null. */
  ObjectNode take(ObjectKey key, long revision) {
    Written written = byRevision.remove(revision);
    return written != null && written.key().equals(key) ? written.body() : null;
  }

  /** The feed has delivered everything up to {@code revision}. */
  void passed(long revision) {
    byRevision.headMap(revision, true).clear();
  }

  int size() {
    return byRevision.size();
  }
}
