package dev.atrium.hub.controllers;

import dev.atrium.hub.storage.ObjectKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which objects a controller may start work on. An object is busy while its work runs; once done,
 * events older than the controller's own last write are stale (the change feed may deliver them
 * after the work finished) and must not start the work again. An entry lives only until the feed
 * has shown the controller's write, so idle objects cost nothing.
 */
final class ReconcileGate {

  private record Mark(boolean busy, long written, long seen) {}

  private final ConcurrentHashMap<ObjectKey, Mark> marks = new ConcurrentHashMap<>();

  /** The feed showed this revision of the object. */
  void seen(ObjectKey key, long revision) {
    marks.computeIfPresent(
        key,
        (k, mark) ->
            !mark.busy() && revision >= mark.written()
                ? null
                : new Mark(mark.busy(), mark.written(), Math.max(mark.seen(), revision)));
  }

  /** True when work may start for this revision: nothing in flight and not older than our write. */
  boolean tryStart(ObjectKey key, long revision) {
    boolean[] started = {false};
    marks.compute(
        key,
        (k, mark) -> {
          if (mark != null && (mark.busy() || revision < mark.written())) {
            return mark;
          }
          started[0] = true;
          return new Mark(true, 0, revision);
        });
    return started[0];
  }

  /** The work finished with a write at this revision; events before it are stale. */
  void finished(ObjectKey key, long written) {
    marks.computeIfPresent(
        key, (k, mark) -> mark.seen() >= written ? null : new Mark(false, written, mark.seen()));
  }

  /** The work failed, or the object is gone: the next event (or a retry) may start work again. */
  void forget(ObjectKey key) {
    marks.remove(key);
  }

  int size() {
    return marks.size();
  }
}
