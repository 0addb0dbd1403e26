package dev.atrium.hub.controllers;

import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.Store;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.WatchListener;
import dev.atrium.hub.storage.WatchSubscription;
import dev.atrium.hub.storage.selection.Selection;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A controller's view of changes in a scope from now on; restarts from the current revision after
 * errors (e.g. 410), so a controller must also reconcile what it finds at start.
 */
final class ChangeFeed implements WatchListener {

  private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

  private final Store store;
  private final Vertx vertx;
  private final ResourceScope scope;
  private final Consumer<WatchEvent> handler;
  private final Runnable onRestart;
  private volatile WatchSubscription subscription;
  private volatile boolean stopped;

  ChangeFeed(
      Store store,
      Vertx vertx,
      ResourceScope scope,
      Consumer<WatchEvent> handler,
      Runnable onRestart) {
    this.store = store;
    this.vertx = vertx;
    this.scope = scope;
    this.handler = handler;
    this.onRestart = onRestart;
  }

  void start() {
    store
        .currentRevision()
        .subscribe()
        .with(
            rev -> {
              subscription = store.watch(scope, Selection.everything(), rev, this);
              onRestart.run();
            },
            f -> retry(f.getMessage()));
  }

  void stop() {
    stopped = true;
    if (subscription != null) {
      subscription.close();
    }
  }

  @Override
  public void onEvent(WatchEvent event) {
    try {
      handler.accept(event);
    } catch (RuntimeException e) {
      LOG.warnf("controller failed on %s: %s", event.object().key(), e.getMessage());
    }
  }

  @Override
  public void onError(StorageException error) {
    retry(error.getMessage());
  }

  private void retry(String reason) {
    if (!stopped) {
      LOG.debugf("change feed restarting: %s", reason);
      vertx.setTimer(1000, id -> start());
    }
  }
}
