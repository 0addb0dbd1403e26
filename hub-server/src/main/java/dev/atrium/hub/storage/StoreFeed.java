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
    if (!listFirst) {
      store.currentRevision().subscribe().with(this::watchFrom, f -> retry(f.getMessage()));
      return;
    }
    store
        .list(new ListRequest(scope, selection, 0, null, 0))
        .subscribe()
        .with(
            page -> {
              handler.reset(page.items());
              watchFrom(page.revision());
            },
            f -> retry(f.getMessage()));
  }

  private void watchFrom(long revision) {
    if (!stopped) {
      subscription = store.watch(scope, selection, revision, this);
    }
  }

  public void stop() {
    stopped = true;
    if (subscription != null) {
      subscription.close();
    }
  }

  @Override
  public void onEvent(WatchEvent event) {
    try {
      handler.onEvent(event);
    } catch (RuntimeException e) {
      LOG.warnf("feed %s failed on %s: %s", scope.resource(), event.object().key(), e.getMessage());
    }
  }

  @Override
  public void onError(StorageException error) {
    retry(error.getMessage());
  }

  private void retry(String reason) {
    if (!stopped) {
      LOG.debugf("feed %s restarting: %s", scope.resource(), reason);
      vertx.setTimer(1000, id -> start());
    }
  }
}
