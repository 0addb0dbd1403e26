package dev.atrium.hub.api.flow;

import dev.atrium.hub.request.RequestInfo;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seats a list takes, as kube-apiserver's width estimate: one seat per 100 objects it is
 * expected to return, at least 1 and at most {@link #MAX_SEATS}. The expected count is what the
 * last list of the same collection (workspace, resource, namespace) returned, capped by the
 * request's {@code limit}; a collection never listed before costs one seat.
 */
final class ListWidths {

  static final int OBJECTS_PER_SEAT = 100;
  static final int MAX_SEATS = 10;
  private static final int MAX_ENTRIES = 100_000;

  private final ConcurrentHashMap<String, Integer> lastCount = new ConcurrentHashMap<>();

  int estimate(RequestInfo info, String limit) {
    Integer last = lastCount.get(key(info));
    long expected = last == null ? 0 : last;
    long max = parseLimit(limit);
    return width(max > 0 ? Math.min(expected, max) : expected);
  }

  static int width(long expectedObjects) {
    long seats = (expectedObjects + OBJECTS_PER_SEAT - 1) / OBJECTS_PER_SEAT;
    return (int) Math.max(1, Math.min(MAX_SEATS, seats));
  }

  void learn(RequestInfo info, Integer items) {
    if (items == null) {
      return;
    }
    if (lastCount.size() >= MAX_ENTRIES) {
      lastCount.clear();
    }
    lastCount.put(key(info), items);
  }

  private static String key(RequestInfo info) {
    return info.cluster() + '\0' + info.group() + '\0' + info.resource() + '\0' + info.namespace();
  }

  private static long parseLimit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(limit);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
