package dev.atrium.hub.storage.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.ObjectKey;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The bodies this replica has just written, by revision, until its change feed delivers them: the
 * feed then hands consumers the tree already in memory instead of parsing the row's JSON again.
 * Bodies are shared read-only (a store takes ownership of what it writes). Entries the feed has
 * passed are dropped, and only writes at most {@link #MAX_AHEAD} revisions ahead of the feed are
 * kept, so the map holds at most that many entries (checked in O(1) on the write path).
 */
final class RecentWrites {

  /** Writes more than this many revisions ahead of the feed are not kept (a stalled feed). */
  private static final int MAX_AHEAD = 4096;

  private record Written(ObjectKey key, ObjectNode body) {}

  private final ConcurrentSkipListMap<Long, Written> byRevision = new ConcurrentSkipListMap<>();

  /**
   * Remembers a committed write the feed has not delivered yet ({@code feedAt} is its position).
   */
  void add(ObjectKey key, long revision, ObjectNode body, long feedAt) {
    if (revision > feedAt && revision - feedAt <= MAX_AHEAD) {
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
