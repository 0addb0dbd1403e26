package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.api.flow.FlowControl;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.storage.ListPage;
import dev.atrium.hub.storage.ListRequest;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.WatchListener;
import dev.atrium.hub.storage.WatchSubscription;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watch over chunked HTTP or WebSocket: initial state for resourceVersion ""/"0" or
 * sendInitialEvents, then changes, bookmarks, ERROR 410 for compacted versions, timeoutSeconds.
 */
@ApplicationScoped
public class WatchHandler {

  private static final long BOOKMARK_MILLIS = 30_000;

  @Inject GenericRegistry registry;
  @Inject Vertx vertx;
  @Inject FlowControl flowControl;

  private final AtomicInteger open = new AtomicInteger();
  private final java.util.Set<Session> sessions =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean shuttingDown;

  /**
   * Graceful shutdown: every open watch ends with a clean close (the chunked body's end, a
   * WebSocket close frame), so clients watch again from their last resourceVersion on another
   * replica at once instead of seeing a broken connection.
   */
  void drain(
      @jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownDelayInitiatedEvent event) {
    drainAll();
  }

  /** Without a shutdown delay, at least the watches still open at the end are closed. */
  void drainLate(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
    drainAll();
  }

  private void drainAll() {
    shuttingDown = true;
    List<Session> all = List.copyOf(sessions);
    all.forEach(Session::close);
    if (!all.isEmpty()) {
      org.jboss.logging.Logger.getLogger(WatchHandler.class)
          .infof("closed %d watches for shutdown", all.size());
    }
  }

  public void watch(ApiRequest req) {
    ListOptions options = ListOptions.parse(req, true);
    boolean initialEvents = req.query().flag("sendInitialEvents");
    boolean bookmarks = req.query().flag("allowWatchBookmarks");
    if (initialEvents) {
      checkWatchList(options, bookmarks);
    }
    String rv = options.resourceVersion();
    boolean synthetic = initialEvents || rv == null || rv.equals("0");
    String table = Accept.tableVersion(req.accept());
    if (isWebSocket(req)) {
      req.ctx()
          .request()
          .toWebSocket()
          .onSuccess(
              ws ->
                  start(
                      req,
                      options,
                      WatchSink.webSocket(ws),
                      synthetic,
                      initialEvents,
                      bookmarks,
                      table))
          .onFailure(req::fail);
      return;
    }
    String contentType =
        table != null
            ? "application/json;as=Table;v=" + table + ";g=meta.k8s.io"
            : "application/json";
    start(
        req,
        options,
        WatchSink.http(req.ctx().response(), contentType),
        synthetic,
        initialEvents,
        bookmarks,
        table);
  }

  private static boolean isWebSocket(ApiRequest req) {
    String upgrade = req.ctx().request().getHeader("Upgrade");
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  private static void checkWatchList(ListOptions options, boolean bookmarks) {
    if (!"NotOlderThan".equals(options.resourceVersionMatch())) {
      throw ApiException.invalid(
          "listoptions.meta.k8s.io",
          "ListOptions.meta.k8s.io",
          "",
          List.of(
              new ApiException.Cause(
                  "FieldValueForbidden",
                  "Forbidden: sendInitialEvents requires setting resourceVersionMatch to"
                      + " NotOlderThan",
                  "sendInitialEvents")));
    }
    if (!bookmarks) {
      throw ApiException.invalid(
          "listoptions.meta.k8s.io",
          "ListOptions.meta.k8s.io",
          "",
          List.of(
              new ApiException.Cause(
                  "FieldValueForbidden",
                  "Forbidden: sendInitialEvents requires allowWatchBookmarks=true",
                  "allowWatchBookmarks")));
    }
  }

  private void start(
      ApiRequest req,
      ListOptions options,
      WatchSink sink,
      boolean synthetic,
      boolean initialEvents,
      boolean bookmarks,
      String table) {
    EventEncoder encoder = new EventEncoder(req, table);
    Session session = new Session(sink, encoder, bookmarks);
    long timeout =
        req.query().number("timeoutSeconds", 1800 + ThreadLocalRandom.current().nextInt(1800));
    long timer = vertx.setTimer(Math.max(1, timeout) * 1000, id -> session.close());
    sink.onClose(
        () -> {
          vertx.cancelTimer(timer);
          session.close();
        });
    if (!synthetic) {
      session.subscribe(req, options, Long.parseLong(options.resourceVersion()));
      flowControl.initialized(req.ctx());
      return;
    }
    ListRequest list = new ListRequest(req.scope(), options.selection(), 0, null, 0);
    registry
        .list(list)
        .subscribe()
        .with(
            page -> {
              session.initial(page);
              if (initialEvents) {
                session.initialEventsEnd(page.revision());
              }
              session.subscribe(req, options, page.revision());
              flowControl.initialized(req.ctx());
            },
            f -> session.fail(f));
  }

  /** One open watch. */
  private final class Session implements WatchListener {
    private final WatchSink sink;
    private final EventEncoder encoder;
    private final boolean bookmarks;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WatchSubscription subscription;
    private volatile long lastBookmark = System.currentTimeMillis();

    Session(WatchSink sink, EventEncoder encoder, boolean bookmarks) {
      this.sink = sink;
      this.encoder = encoder;
      this.bookmarks = bookmarks;
      open.incrementAndGet();
      sessions.add(this);
      if (shuttingDown) {
        close();
      }
    }

    void initial(ListPage page) {
      for (StoredObject object : page.items()) {
        sink.send(encoder.event("ADDED", object));
      }
    }

    void initialEventsEnd(long revision) {
      sink.send(encoder.bookmark(revision, true));
    }

    void subscribe(ApiRequest req, ListOptions options, long from) {
      if (closed.get()) {
        return;
      }
      subscription = registry.store().watch(req.scope(), options.selection(), from, this);
      if (closed.get()) {
        subscription.close();
      }
    }

    @Override
    public void onEvent(WatchEvent event) {
      if (!closed.get()) {
        sink.send(encoder.event(event.type().name(), event.object()));
      }
    }

    @Override
    public void onProgress(long revision) {
      long now = System.currentTimeMillis();
      if (bookmarks && !closed.get() && now - lastBookmark >= BOOKMARK_MILLIS) {
        lastBookmark = now;
        sink.send(encoder.bookmark(revision, false));
      }
    }

    @Override
    public void onError(StorageException error) {
      fail(error);
    }

    void fail(Throwable failure) {
      ApiException e = StatusMapper.toApiException(failure, encoder.qualifiedResource(), "");
      ObjectNode event = JsonNodeFactory.instance.objectNode();
      event.put("type", "ERROR");
      event.set("object", StatusMapper.status(e));
      sink.send(event.toString());
      close();
    }

    void close() {
      if (closed.compareAndSet(false, true)) {
        open.decrementAndGet();
        sessions.remove(this);
        if (subscription != null) {
          subscription.close();
        }
        sink.end();
      }
    }
  }

  public int openWatches() {
    return open.get();
  }
}
