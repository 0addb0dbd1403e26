package dev.atrium.hub.storage;

import dev.atrium.hub.storage.selection.Selection;
import io.vertx.core.Vertx;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The one list-then-watch loop every controller and in-memory index uses, as an informer: {@link
 * Handler#reset} with the full list, then every change after the list's revision. After a watch
 * error it lists again.
 */
public final class StoreFeed implements WatchListener {

  private static final Logger LOG = Logger.getLogger(StoreFeed.class);

  /** Receives the state. */
  public interface Handler {
    void reset(List<StoredObject> items);

    void onEvent(WatchEvent event);

    static Handler of(
        java.util.function.Consumer<List<StoredObject>> reset,
        java.util.function.Consumer<WatchEvent> onEvent) {
      return new Handler() {
        @Override
        public void reset(List<StoredObject> items) {
          reset.accept(items);
        }

        @Override
        public void onEvent(WatchEvent event) {
          onEvent.accept(event);
        }
      };
    }
  }

  private final Store store;
  private final Vertx vertx;
  private final ResourceScope scope;
  private final Selection selection;
  private final Handler handler;
  private final boolean listFirst;
  private volatile WatchSubscription subscription;
  private volatile boolean stopped;
  private final java.util.concurrent.atomic.AtomicLong generation =
      new java.util.concurrent.atomic.AtomicLong();

  /** (time, revision) of the events seen, about one a second, for {@link #replay}. */
  private final java.util.ArrayDeque<long[]> seen = new java.util.ArrayDeque<>();

  private static final long SEEN_KEPT_MILLIS = 120_000;

  /** {@code listFirst} false: only changes from now on (reset is never called). */
  public StoreFeed(
      Store store, Vertx vertx, ResourceScope scope, Handler handler, boolean listFirst) {
    this(store, vertx, scope, Selection.everything(), handler, listFirst);
  }

  /**
   * A feed of the objects {@code selection} keeps: an object that stops matching arrives as DELETED
   * (with its new state), one that starts matching as ADDED.
   */
  public StoreFeed(
      Store store,
      Vertx vertx,
      ResourceScope scope,
      Selection selection,
      Handler handler,
      boolean listFirst) {
    this.store = store;
    this.vertx = vertx;
    this.scope = scope;
    this.selection = selection;
    this.handler = handler;
    this.listFirst = listFirst;
  }

  public void start() {
    begin(generation.incrementAndGet());
  }

  /**
   * One round of list (or current revision) then watch. A newer round (a {@link #relist}, a retry)
   * makes the callbacks and the watch of older ones void, so a feed never runs two watches.
   */
  private void begin(long round) {
    if (!listFirst) {
      store
          .currentRevision()
          .subscribe()
          .with(revision -> watchFrom(round, revision), f -> retry(round, f.getMessage()));
      return;
    }
    store
        .list(new ListRequest(scope, selection, 0, null, 0))
        .subscribe()
        .with(
            page -> {
              if (round == generation.get() && !stopped) {
                handler.reset(page.items());
                watchFrom(round, page.revision());
              }
            },
            f -> retry(round, f.getMessage()));
  }

  private synchronized void watchFrom(long round, long revision) {
    if (stopped || round != generation.get()) {
      return;
    }
    WatchSubscription old = subscription;
    subscription = store.watch(scope, selection, revision, new Round(round));
    if (old != null) {
      old.close();
    }
  }

  /**
   * Starts over: a feed that lists hands the handler a fresh list (a controller that became leader
   * catches up with everything); one that does not replays the changes of the last {@code lookback}
   * from the change log (or, when they are compacted, goes on from now).
   */
  public void relist(java.time.Duration lookback) {
    if (stopped) {
      return;
    }
    long round = generation.incrementAndGet();
    if (listFirst) {
      begin(round);
      return;
    }
    long from = revisionBefore(System.currentTimeMillis() - lookback.toMillis());
    if (from <= 0) {
      begin(round);
      return;
    }
    LOG.debugf("feed %s replays from revision %d", scope.resource(), from);
    watchFrom(round, from);
  }

  /** The watch of one round: passes events on while the round is current. */
  private final class Round implements WatchListener {
    private final long round;

    Round(long round) {
      this.round = round;
    }

    @Override
    public void onEvent(WatchEvent event) {
      if (round == generation.get()) {
        StoreFeed.this.onEvent(event);
      }
    }

    @Override
    public void onError(StorageException error) {
      retry(round, error.getMessage());
    }
  }

  /** The last revision seen before {@code millis} (0 when none is remembered). */
  private synchronized long revisionBefore(long millis) {
    long found = 0;
    for (long[] mark : seen) {
      if (mark[0] > millis) {
        break;
      }
      found = mark[1];
    }
    if (found == 0 && !seen.isEmpty()) {
      found = seen.peekFirst()[1] - 1;
    }
    return found;
  }

  private synchronized void remember(long revision) {
    long now = System.currentTimeMillis();
    long[] last = seen.peekLast();
    if (last != null && now - last[0] < 1000) {
      return;
    }
    seen.addLast(new long[] {now, revision});
    while (now - seen.peekFirst()[0] > SEEN_KEPT_MILLIS) {
      seen.removeFirst();
    }
  }

  public synchronized void stop() {
    stopped = true;
    if (subscription != null) {
      subscription.close();
    }
  }

  @Override
  public void onEvent(WatchEvent event) {
    if (!listFirst) {
      remember(event.object().revision() - 1);
    }
    try {
      handler.onEvent(event);
    } catch (RuntimeException e) {
      LOG.warnf("feed %s failed on %s: %s", scope.resource(), event.object().key(), e.getMessage());
    }
  }

  @Override
  public void onError(StorageException error) {
    retry(generation.get(), error.getMessage());
  }

  private void retry(long round, String reason) {
    if (!stopped && round == generation.get()) {
      LOG.debugf("feed %s restarting: %s", scope.resource(), reason);
      vertx.setTimer(
          1000,
          id -> {
            if (round == generation.get()) {
              start();
            }
          });
    }
  }
}
