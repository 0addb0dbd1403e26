package dev.atrium.hub.storage.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.WatchListener;
import dev.atrium.hub.storage.WatchSubscription;
import dev.atrium.hub.storage.selection.Selection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * This replica's feed of the change log. It LISTENs on {@code atrium_changes}; each notification
 * (and a periodic catch-up, in case one is missed) reads the rows after the last revision seen,
 * keeps a bounded window of recent events in memory and fans them out to the watchers. All state is
 * confined to one Vert.x context.
 */
public final class PgWatchHub {

  private static final Logger LOG = Logger.getLogger(PgWatchHub.class);

  private final Vertx vertx;
  private final Pool pool;
  private final java.util.function.Supplier<io.vertx.core.Future<PgConnectOptions>> listenTarget;
  private final int windowSize;
  private final long catchUpMillis;
  private final Context context;
  private final ArrayDeque<WatchEvent> window = new ArrayDeque<>();
  private final List<Watcher> watchers = new ArrayList<>();

  /** Watchers offered every event; the others are found by {@link #byLabel}. */
  private final List<Watcher> general = new ArrayList<>();

  private final java.util.Map<String, List<Watcher>> byLabel = new java.util.HashMap<>();
  private final AtomicInteger watcherCount = new AtomicInteger();
  private volatile long lastSeen;
  private final RecentWrites recentWrites = new RecentWrites();
  private long windowStart;
  private boolean fetching;
  private boolean fetchAgain;
  private PgConnection listenConnection;
  private long timerId = -1;
  private volatile boolean stopped;
  private volatile boolean ready;
  private volatile long watermark;
  private volatile long head;
  private volatile long lastFetchNanos = System.nanoTime();
  private final List<Runnable> waiting = new ArrayList<>();

  /**
   * How often every watcher hears of progress (the feed's revision without an event for it). Both
   * listeners only turn it into a bookmark every 5 s, so telling each of them after every fetch —
   * one fetch per committed write batch, each an O(watchers) pass on this one context — bought
   * nothing; with thousands of syncer-view watches it was the feed's main per-write cost. A fetch
   * within this period of the last pass schedules one pass at its end (every watcher still hears of
   * every revision within the period), and a new watcher hears at the next fetch.
   */
  static final long PROGRESS_MILLIS = 1_000;

  private long lastProgress;
  private boolean progressScheduled;
  private final List<Watcher> fresh = new ArrayList<>();

  public PgWatchHub(
      Vertx vertx, Pool pool, PgConnectOptions listenOptions, int windowSize, long catchUpMillis) {
    this(
        vertx,
        pool,
        () -> io.vertx.core.Future.succeededFuture(listenOptions),
        windowSize,
        catchUpMillis);
  }

  /** {@code listenTarget}: where the LISTEN connection goes, asked again on every reconnect. */
  public PgWatchHub(
      Vertx vertx,
      Pool pool,
      java.util.function.Supplier<io.vertx.core.Future<PgConnectOptions>> listenTarget,
      int windowSize,
      long catchUpMillis) {
    this.vertx = vertx;
    this.pool = pool;
    this.listenTarget = listenTarget;
    this.windowSize = windowSize;
    this.catchUpMillis = catchUpMillis;
    this.context = vertx.getOrCreateContext();
    io.micrometer.core.instrument.Gauge.builder(
            "apiserver_registered_watchers", watcherCount, AtomicInteger::get)
        .description("Open watches on this hub replica")
        .register(io.micrometer.core.instrument.Metrics.globalRegistry);
    FeedMetrics.register(this);
  }

  /** Reads the current revision, then starts listening and the catch-up timer. Non-blocking. */
  public void start() {
    pool.query("SELECT atrium_current_revision()")
        .execute()
        .onComplete(
            result ->
                context.runOnContext(
                    v -> {
                      if (result.failed()) {
                        LOG.warnf(
                            "watch hub start failed, retrying: %s", result.cause().getMessage());
                        vertx.setTimer(1000, id -> start());
                        return;
                      }
                      initialized(result.result().iterator().next().getLong(0));
                    }));
  }

  private void initialized(long current) {
    lastSeen = current;
    windowStart = current;
    ready = true;
    listen();
    timerId =
        vertx.setPeriodic(
            catchUpMillis,
            id -> {
              fetch();
              refreshWatermark();
            });
    refreshWatermark();
    List<Runnable> queued = List.copyOf(waiting);
    waiting.clear();
    queued.forEach(Runnable::run);
  }

  public void stop() {
    stopped = true;
    context.runOnContext(
        v -> {
          if (timerId >= 0) {
            vertx.cancelTimer(timerId);
          }
          if (listenConnection != null) {
            listenConnection.close();
          }
        });
  }

  /**
   * Whether the feed is live: started, its LISTEN connection open and a read of the change log
   * succeeded within {@code maxSilenceMillis}; otherwise why not.
   */
  public java.util.Optional<String> unhealthy(long maxSilenceMillis) {
    if (!ready) {
      return java.util.Optional.of("change feed not started");
    }
    if (listenConnection == null) {
      return java.util.Optional.of("LISTEN connection down");
    }
    long silence = (System.nanoTime() - lastFetchNanos) / 1_000_000;
    if (silence > maxSilenceMillis) {
      return java.util.Optional.of("no successful change-log read for " + silence + " ms");
    }
    return java.util.Optional.empty();
  }

  /** The last revision this replica's feed has read. */
  long feedRevision() {
    return lastSeen;
  }

  /** The newest revision in the change log at the last periodic check. */
  long headRevision() {
    return head;
  }

  /** Seconds since the last successful read of the change log. */
  double secondsSinceFetch() {
    return (System.nanoTime() - lastFetchNanos) / 1e9;
  }

  public int watcherCount() {
    return watcherCount.get();
  }

  WatchSubscription subscribe(
      ResourceScope scope, Selection selection, long fromRevision, WatchListener listener) {
    Watcher[] self = new Watcher[1];
    self[0] = new Watcher(scope, selection, fromRevision, listener, () -> remove(self[0]));
    watcherCount.incrementAndGet();
    context.runOnContext(v -> start(self[0], fromRevision));
    return self[0];
  }

  private void remove(Watcher watcher) {
    watcherCount.decrementAndGet();
    context.runOnContext(
        v -> {
          watchers.remove(watcher);
          fresh.remove(watcher);
          String label = watcher.indexLabel();
          if (label == null) {
            general.remove(watcher);
          } else {
            List<Watcher> list = byLabel.get(label);
            if (list != null && list.remove(watcher) && list.isEmpty()) {
              byLabel.remove(label);
            }
          }
        });
  }

  private void start(Watcher watcher, long from) {
    if (watcher.isClosed()) {
      return;
    }
    if (!ready) {
      waiting.add(() -> start(watcher, from));
      return;
    }
    watchers.add(watcher);
    fresh.add(watcher);
    String label = watcher.indexLabel();
    if (label == null) {
      general.add(watcher);
    } else {
      byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(watcher);
    }
    if (from < watermark) {
      watcher.fail(new StorageException.Expired(from, watermark));
      return;
    }
    if (from >= windowStart) {
      replayWindow(watcher);
      return;
    }
    replayFromDatabase(watcher, from, lastSeen);
  }

  private void replayWindow(Watcher watcher) {
    watcher.goLive();
    for (WatchEvent event : window) {
      watcher.deliver(event);
    }
  }

  private void replayFromDatabase(Watcher watcher, long from, long to) {
    Tuple params = Tuple.tuple();
    String sql = ChangeRows.scoped(watcher.scope(), params, from, to);
    pool.query("SELECT watermark FROM atrium_meta")
        .execute()
        .compose(
            wm -> {
              long watermark = wm.iterator().next().getLong(0);
              if (from < watermark) {
                throw new StorageException.Expired(from, watermark);
              }
              return pool.preparedQuery(sql).execute(params);
            })
        .onComplete(
            result ->
                context.runOnContext(
                    v -> {
                      if (result.failed()) {
                        watcher.fail(asStorageError(result.cause()));
                        return;
                      }
                      for (WatchEvent event : ChangeRows.events(result.result())) {
                        watcher.deliver(event);
                      }
                      watcher.goLive();
                    }));
  }

  private static StorageException asStorageError(Throwable failure) {
    if (failure instanceof StorageException e) {
      return e;
    }
    return new StorageException.Unavailable(
        "watch replay failed: " + failure.getMessage(), failure);
  }

  /** Compaction on this replica moves the watermark at once; others see it on the next tick. */
  void watermarkAdvanced(long value) {
    watermark = Math.max(watermark, value);
    context.runOnContext(v -> checkNotBehind());
  }

  /**
   * If compaction overtook this replica's feed, the history it has not read is gone: its watchers
   * get 410 Expired (clients relist) and the feed resumes from the current revision.
   */
  private void checkNotBehind() {
    if (!ready || lastSeen >= watermark) {
      return;
    }
    LOG.warnf("change feed at %d fell behind the compaction watermark %d", lastSeen, watermark);
    StorageException.Expired expired = new StorageException.Expired(lastSeen, watermark);
    for (Watcher watcher : List.copyOf(watchers)) {
      watcher.fail(expired);
    }
    window.clear();
    lastSeen = watermark;
    windowStart = watermark;
  }

  private void refreshWatermark() {
    pool.query("SELECT watermark, atrium_current_revision() FROM atrium_meta")
        .execute()
        .onSuccess(
            rows -> {
              Row row = rows.iterator().next();
              head = row.getLong(1);
              watermarkAdvanced(row.getLong(0));
            });
  }

  private void listen() {
    listenTarget
        .get()
        .compose(options -> PgConnection.connect(vertx, options))
        .onSuccess(
            connection -> {
              listenConnection = connection;
              connection.notificationHandler(n -> context.runOnContext(v -> fetch()));
              connection.closeHandler(v -> context.runOnContext(x -> reconnect()));
              connection
                  .query("LISTEN atrium_changes")
                  .execute()
                  .onSuccess(r -> fetch())
                  .onFailure(e -> connection.close());
            })
        .onFailure(
            e -> {
              LOG.warnf("LISTEN connection failed, retrying: %s", e.getMessage());
              vertx.setTimer(1000, id -> context.runOnContext(v -> listen()));
            });
  }

  private void reconnect() {
    listenConnection = null;
    if (!stopped) {
      LOG.warn("LISTEN connection closed, reconnecting");
      vertx.setTimer(500, id -> context.runOnContext(v -> listen()));
    }
  }

  /** A write this replica committed: the feed hands its body to consumers instead of a parse. */
  void wrote(ObjectKey key, long revision, ObjectNode body) {
    recentWrites.add(key, revision, body, lastSeen);
  }

  private void fetch() {
    if (stopped || !ready) {
      return;
    }
    if (fetching) {
      fetchAgain = true;
      return;
    }
    fetching = true;
    fetchAgain = false;
    pool.query(ChangeRows.after(lastSeen))
        .execute()
        .onComplete(result -> context.runOnContext(v -> fetched(result.result(), result.cause())));
  }

  private void fetched(RowSet<Row> rows, Throwable failure) {
    fetching = false;
    if (failure != null) {
      LOG.debugf("change feed read failed: %s", failure.getMessage());
      return;
    }
    lastFetchNanos = System.nanoTime();
    List<ChangeRows.FeedEvent> events = ChangeRows.feedEvents(rows, recentWrites);
    List<Watcher> everyEvent = events.isEmpty() ? List.of() : List.copyOf(general);
    for (ChangeRows.FeedEvent event : events) {
      publish(event, everyEvent);
    }
    recentWrites.passed(lastSeen);
    progress();
    if (fetchAgain || events.size() == ChangeRows.BATCH) {
      fetch();
    }
  }

  /** Progress to the watchers: new ones now, all at most every {@link #PROGRESS_MILLIS}. */
  private void progress() {
    if (!fresh.isEmpty()) {
      List<Watcher> added = List.copyOf(fresh);
      fresh.clear();
      for (Watcher watcher : added) {
        watcher.progress(lastSeen);
      }
    }
    long now = System.currentTimeMillis();
    if (now - lastProgress >= PROGRESS_MILLIS) {
      progressAll(now);
    } else if (!progressScheduled) {
      progressScheduled = true;
      vertx.setTimer(
          Math.max(1, PROGRESS_MILLIS - (now - lastProgress)),
          id ->
              context.runOnContext(
                  v -> {
                    progressScheduled = false;
                    progressAll(System.currentTimeMillis());
                  }));
    }
  }

  private void progressAll(long now) {
    lastProgress = now;
    fresh.clear();
    for (Watcher watcher : List.copyOf(watchers)) {
      watcher.progress(lastSeen);
    }
  }

  private void publish(ChangeRows.FeedEvent event, List<Watcher> current) {
    lastSeen = event.live().revision();
    window.addLast(event.kept());
    while (window.size() > windowSize) {
      windowStart = window.removeFirst().revision();
    }
    for (Watcher watcher : current) {
      watcher.offer(event.live());
    }
    if (!byLabel.isEmpty()) {
      offerByLabel(event.live());
    }
  }

  /** Offers an event to the watchers indexed by a label its object has now or had before. */
  private void offerByLabel(WatchEvent event) {
    offerByLabel(event, event.object());
    if (event.previous() != null) {
      offerByLabel(event, event.previous());
    }
  }

  private void offerByLabel(WatchEvent event, StoredObject object) {
    JsonNode labels = object.body().path("metadata").path("labels");
    for (var it = labels.fields(); it.hasNext(); ) {
      var label = it.next();
      List<Watcher> list = byLabel.get(label.getKey() + "=" + label.getValue().asText());
      if (list != null) {
        for (Watcher watcher : List.copyOf(list)) {
          watcher.offer(event);
        }
      }
    }
  }
}
