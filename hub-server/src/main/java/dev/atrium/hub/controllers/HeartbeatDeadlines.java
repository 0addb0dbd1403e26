package dev.atrium.hub.controllers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * When each SyncTarget's heartbeat runs out (last heartbeat + timeout), earliest first. Heartbeats
 * themselves do not touch it (they stay the cheap path): a key holds one deadline, armed when the
 * target is seen healthy; when it comes due the caller compares it with the latest heartbeat and
 * arms it again if a fresher one arrived. So a target costs one entry, and one check per timeout
 * period, not one operation per heartbeat. Thread-safe (the change feed arms, a timer takes).
 */
final class HeartbeatDeadlines {

  private record Entry(Instant at, String key) {}

  private final PriorityQueue<Entry> queue = new PriorityQueue<>(Comparator.comparing(Entry::at));
  private final Map<String, Instant> armed = new HashMap<>();

  /** Arms {@code key} at {@code at}, unless it is armed at that time or earlier already. */
  synchronized void arm(String key, Instant at) {
    Instant current = armed.get(key);
    if (current != null && !at.isBefore(current)) {
      return;
    }
    armed.put(key, at);
    queue.add(new Entry(at, key));
  }

  /** Removes and returns the keys whose deadline is {@code now} or earlier, earliest first. */
  synchronized List<String> due(Instant now) {
    List<String> out = new ArrayList<>();
    while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
      Entry e = queue.poll();
      if (e.at().equals(armed.get(e.key()))) {
        armed.remove(e.key());
        out.add(e.key());
      }
    }
    return out;
  }

  /** The earliest armed deadline, if any (entries superseded by an earlier one are dropped). */
  synchronized Optional<Instant> next() {
    while (!queue.isEmpty() && !queue.peek().at().equals(armed.get(queue.peek().key()))) {
      queue.poll();
    }
    return Optional.ofNullable(queue.peek()).map(Entry::at);
  }

  /** How many keys hold a deadline. */
  synchronized int size() {
    return armed.size();
  }

  synchronized void clear() {
    queue.clear();
    armed.clear();
  }
}
