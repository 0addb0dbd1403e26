package dev.atrium.hub.storage;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Starts the {@link StoreFeed}s of controllers and indexes, and stops them all at shutdown. */
@ApplicationScoped
public class StoreFeeds {

  @Inject Store store;
  @Inject Vertx vertx;

  private final List<StoreFeed> running = new CopyOnWriteArrayList<>();

  /** A started feed of {@code scope}; see {@link StoreFeed} for {@code listFirst}. */
  public StoreFeed start(ResourceScope scope, StoreFeed.Handler handler, boolean listFirst) {
    StoreFeed feed = new StoreFeed(store, vertx, scope, handler, listFirst);
    running.add(feed);
    feed.start();
    return feed;
  }

  /** A started feed of the objects of {@code scope} that {@code selection} keeps. */
  public StoreFeed start(
      ResourceScope scope,
      dev.atrium.hub.storage.selection.Selection selection,
      StoreFeed.Handler handler,
      boolean listFirst) {
    StoreFeed feed = new StoreFeed(store, vertx, scope, selection, handler, listFirst);
    running.add(feed);
    feed.start();
    return feed;
  }

  void stop(@Observes ShutdownEvent event) {
    running.forEach(StoreFeed::stop);
    running.clear();
  }
}
