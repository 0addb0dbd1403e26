package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.auth.syncer.SyncerAccess.View;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ReadView;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.storage.ListPage;
import dev.atrium.hub.storage.ListRequest;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.WatchListener;
import dev.atrium.hub.storage.WatchSubscription;
import dev.atrium.hub.storage.selection.FieldSelector;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.hub.storage.selection.Selection;
import dev.atrium.model.workload.Workload;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /services/syncer/<workspace>/<target>/objects}: every object synced to the target, across
 * resources and served workspaces, as one list (one snapshot, one resourceVersion) and one watch
 * (line-delimited events in revision order, bookmarks, 410 as an ERROR event).
 */
@ApplicationScoped
public class SyncerObjects {

  private static final long BOOKMARK_MILLIS = 5_000;

  @Inject GenericRegistry registry;
  @Inject ApiResources apiResources;
  @Inject Vertx vertx;

  private final AtomicInteger open = new AtomicInteger();

  void serve(RoutingContext ctx, View view) {
    Query query = new Query(ctx.queryParams());
    if (!query.flag("watch")) {
      list(ctx, view);
      return;
    }
    String rv = query.get("resourceVersion", "");
    Session session = new Session(ctx, view, query.flag("allowWatchBookmarks"));
    long timeout = query.number("timeoutSeconds", 1800 + ThreadLocalRandom.current().nextInt(1800));
    long timer = vertx.setTimer(Math.max(1, timeout) * 1000, id -> session.close());
    session.sink.onClose(
        () -> {
          vertx.cancelTimer(timer);
          session.close();
        });
    if (!rv.isEmpty() && !rv.equals("0")) {
      session.subscribe(revision(rv));
      return;
    }
    snapshot(view)
        .subscribe()
        .with(
            page -> {
              page.items().stream()
                  .filter(o -> served(view, o))
                  .forEach(o -> session.sink.send(event("ADDED", o)));
              session.subscribe(page.revision());
            },
            session::fail);
  }

  /** How many watches of the view are open on this replica. */
  public int openWatches() {
    return open.get();
  }

  private void list(RoutingContext ctx, View view) {
    snapshot(view)
        .subscribe()
        .with(
            page -> {
              StringBuilder b = new StringBuilder(256 + page.items().size() * 512);
              b.append(
                      "{\"apiVersion\":\"syncer.atrium.dev/v1alpha1\",\"kind\":\"SyncerObjectList\",")
                  .append("\"metadata\":{\"resourceVersion\":\"")
                  .append(page.revision())
                  .append("\"},\"items\":[");
              boolean first = true;
              for (StoredObject o : page.items()) {
                if (served(view, o)) {
                  b.append(first ? "" : ",").append(entry(o));
                  first = false;
                }
              }
              b.append("]}");
              ctx.response()
                  .setStatusCode(200)
                  .putHeader("Content-Type", Responses.APPLICATION_JSON)
                  .end(b.toString());
            },
            f -> Responses.failure(ctx, f, "", ""));
  }

  private io.smallrye.mutiny.Uni<ListPage> snapshot(View view) {
    return registry.list(new ListRequest(ResourceScope.everything(), selection(view), 0, null, 0));
  }

  static Selection selection(View view) {
    LabelSelector labels =
        LabelSelector.parse(Workload.stateLabel(view.key()) + "=" + Workload.STATE_SYNC);
    return new Selection(labels, FieldSelector.EVERYTHING, o -> Map.of());
  }

  private static boolean served(View view, StoredObject object) {
    return Workload.serves(view.workspace(), object.key().cluster());
  }

  /** {"workspace","group","version","resource","object"} of one synced object. */
  private String entry(StoredObject stored) {
    ObjectKey key = stored.key();
    String objectJson = stored.json();
    var type = apiResources.byResource(key.cluster(), key.group(), key.resource());
    String version = type.map(t -> t.version()).orElse("");
    if (type.isPresent()) {
      ObjectNode served = ReadView.of(type.get(), stored.body());
      if (served != stored.body()) {
        objectJson = served.toString();
        String apiVersion = served.path("apiVersion").asText("");
        version = apiVersion.substring(apiVersion.indexOf('/') + 1);
      }
    }
    ObjectNode head = JsonNodeFactory.instance.objectNode();
    head.put("workspace", key.cluster());
    head.put("group", key.group());
    head.put("version", version);
    head.put("resource", key.resource());
    String h = head.toString();
    return h.substring(0, h.length() - 1) + ",\"object\":" + objectJson + "}";
  }

  private String event(String type, StoredObject object) {
    return "{\"type\":\"" + type + "\"," + entry(object).substring(1);
  }

  private static long revision(String rv) {
    try {
      return Long.parseLong(rv);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid resourceVersion: " + rv);
    }
  }

  /** One open watch of the view. */
  private final class Session implements WatchListener {
    final WatchSink sink;
    private final View view;
    private final boolean bookmarks;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WatchSubscription subscription;
    private volatile long lastBookmark = System.currentTimeMillis();

    Session(RoutingContext ctx, View view, boolean bookmarks) {
      this.sink = WatchSink.http(ctx.response(), Responses.APPLICATION_JSON);
      this.view = view;
      this.bookmarks = bookmarks;
      open.incrementAndGet();
    }

    void subscribe(long from) {
      if (closed.get()) {
        return;
      }
      subscription =
          registry.store().watch(ResourceScope.everything(), selection(view), from, this);
      if (closed.get()) {
        subscription.close();
      }
    }

    @Override
    public void onEvent(WatchEvent event) {
      if (!closed.get() && served(view, event.object())) {
        sink.send(SyncerObjects.this.event(event.type().name(), event.object()));
      }
    }

    @Override
    public void onProgress(long revision) {
      long now = System.currentTimeMillis();
      if (bookmarks && !closed.get() && now - lastBookmark >= BOOKMARK_MILLIS) {
        lastBookmark = now;
        sink.send(
            "{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{\"resourceVersion\":\""
                + revision
                + "\"}}}");
      }
    }

    @Override
    public void onError(StorageException error) {
      fail(error);
    }

    void fail(Throwable failure) {
      ApiException e = StatusMapper.toApiException(failure, "", "");
      ObjectNode event = JsonNodeFactory.instance.objectNode();
      event.put("type", "ERROR");
      event.set("object", StatusMapper.status(e));
      sink.send(event.toString());
      close();
    }

    void close() {
      if (closed.compareAndSet(false, true)) {
        open.decrementAndGet();
        if (subscription != null) {
          subscription.close();
        }
        sink.end();
      }
    }
  }
}
