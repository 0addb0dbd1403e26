package dev.atrium.hub.registry.crd;

import dev.atrium.hub.storage.ListRequest;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.Store;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.WatchListener;
import dev.atrium.hub.storage.WatchSubscription;
import dev.atrium.hub.storage.selection.Selection;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

/**
 * List every CRD of every logical cluster, then watch from the list's revision; after a watch
 * error, list again. Feeds {@link CrdRegistry}.
 */
final class CrdFeed implements WatchListener {

  static final ResourceScope CRDS =
      new ResourceScope(
          ResourceScope.ALL_CLUSTERS, "apiextensions.k8s.io", "customresourcedefinitions", "");
  private static final Logger LOG = Logger.getLogger(CrdFeed.class);

  private final Store store;
  private final Vertx vertx;
  private final CrdRegistry index;
  private volatile WatchSubscription subscription;
  private volatile boolean stopped;

  CrdFeed(Store store, Vertx vertx, CrdRegistry index) {
    this.store = store;
    this.vertx = vertx;
    this.index = index;
  }

  void start() {
    store
        .list(new ListRequest(CRDS, Selection.everything(), 0, null, 0))
        .subscribe()
        .with(
            page -> {
              index.replaceAll(page.items());
              if (!stopped) {
                subscription = store.watch(CRDS, Selection.everything(), page.revision(), this);
              }
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
    if (event.type() == WatchEvent.Type.DELETED) {
      index.remove(event.object().key());
    } else {
      index.put(event.object());
    }
  }

  @Override
  public void onError(StorageException error) {
    if (subscription != null) {
      subscription.close();
    }
    retry(error.getMessage());
  }

  private void retry(String reason) {
    if (!stopped) {
      LOG.debugf("CRD feed restarting: %s", reason);
      vertx.setTimer(1000, id -> start());
    }
  }
}
