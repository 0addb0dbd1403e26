package dev.atrium.hub.storage.postgres;

import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.WatchListener;
import dev.atrium.hub.storage.WatchSubscription;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.hub.storage.selection.Selection;
import java.util.ArrayList;
import java.util.List;

/**
 * One subscriber of the watch hub. Only touched on the hub's context. Until it is live (its replay
 * from the database is done) live events are held back in {@code pending}.
 */
final class Watcher implements WatchSubscription {

  private final ResourceScope scope;
  private final Selection selection;
  private final WatchListener listener;
  private final Runnable onClose;
  private final List<WatchEvent> pending = new ArrayList<>();
  private long delivered;
  private boolean live;
  private volatile boolean closed;

  Watcher(
      ResourceScope scope,
      Selection selection,
      long fromRevision,
      WatchListener listener,
      Runnable onClose) {
    this.scope = scope;
    this.selection = selection;
    this.listener = listener;
    this.onClose = onClose;
    this.delivered = fromRevision;
  }

  /**
   * {@code key=value} when the selector requires one label value exactly (the syncer view's {@code
   * state.workload.atrium.dev/<key>=Sync}): the hub then offers this watcher only the events whose
   * object carries that label now or before; null = every event.
   */
  String indexLabel() {
    for (LabelSelector.Requirement r : selection.labels().requirements()) {
      boolean single =
          (r.operator() == LabelSelector.Operator.EQUALS
                  || r.operator() == LabelSelector.Operator.IN)
              && r.values().size() == 1;
      if (single) {
        return r.key() + "=" + r.values().get(0);
      }
    }
    return null;
  }

  long delivered() {
    return delivered;
  }

  boolean isClosed() {
    return closed;
  }

  ResourceScope scope() {
    return scope;
  }

  /** A live event from the hub's feed. */
  void offer(WatchEvent event) {
    if (!live) {
      pending.add(event);
      return;
    }
    deliver(event);
  }

  /** Replayed history is done: release what arrived meanwhile. */
  void goLive() {
    live = true;
    for (WatchEvent event : pending) {
      deliver(event);
    }
    pending.clear();
  }

  void deliver(WatchEvent event) {
    if (closed || event.revision() <= delivered) {
      return;
    }
    delivered = event.revision();
    if (!scope.contains(event.object().key())) {
      return;
    }
    WatchEvent translated = WatchFilter.apply(selection, event);
    if (translated != null) {
      call(() -> listener.onEvent(translated));
    }
  }

  void progress(long revision) {
    if (live && !closed && revision > delivered) {
      delivered = revision;
    }
    if (live && !closed) {
      call(() -> listener.onProgress(delivered));
    }
  }

  void fail(StorageException error) {
    if (!closed) {
      closed = true;
      onClose.run();
      listener.onError(error);
    }
  }

  private void call(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      close();
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }
}
