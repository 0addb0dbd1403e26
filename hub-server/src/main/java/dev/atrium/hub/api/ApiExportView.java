package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.auth.Authenticator;
import dev.atrium.hub.auth.Authorizer;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ReadView;
import dev.atrium.hub.registry.crd.BoundApis;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.hub.storage.ListRequest;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.WatchListener;
import dev.atrium.hub.storage.WatchSubscription;
import dev.atrium.model.apis.Apis;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.tenancy.WorkspacePath;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A provider's view of its export, {@code /services/apiexport/<provider>/<export>/clusters/...}:
 * {@code clusters/*} lists and watches every instance of an exported resource in every workspace
 * that bound the export (each object carries {@code atrium.dev/path}); {@code clusters/<binder>}
 * serves get and (status) updates there. Only callers the provider workspace allows the verb on
 * {@code apiexports/<export>/content} (or admins) may use it.
 */
@ApplicationScoped
public class ApiExportView {

  @Inject Authenticator authenticator;
  @Inject Authorizer authorizer;
  @Inject GenericRegistry registry;
  @Inject ApiResources apiResources;
  @Inject BoundApis bound;
  @Inject ResourceDispatcher resources;
  @Inject RequestMetrics metrics;
  @Inject Vertx vertx;

  void install(@Observes Router router) {
    router.route().order(-84).handler(this::handle);
  }

  private record Parsed(String provider, String export, RequestInfo info) {}

  private void handle(RoutingContext ctx) {
    String path = ServicePaths.strip(ctx.request().path());
    if (!path.startsWith(Apis.VIEW_PREFIX)) {
      ctx.next();
      return;
    }
    try {
      String[] parts = path.substring(Apis.VIEW_PREFIX.length()).split("/", 3);
      if (parts.length < 3 || !WorkspacePath.valid(parts[0]) || !parts[2].startsWith("clusters/")) {
        throw ApiException.notFoundPath();
      }
      boolean watch = new Query(ctx.queryParams()).flag("watch");
      RequestInfo info = RequestInfo.parse(ctx.request().method().name(), "/" + parts[2], watch);
      metrics.track(ctx, info);
      Parsed parsed = new Parsed(parts[0], parts[1], info);
      ContextHop.subscribe(
          authenticator.authenticate(ctx.request().getHeader("Authorization"), parts[0]),
          user -> authenticated(ctx, parsed, user),
          f -> Responses.failure(ctx, f, info.resource(), info.name()));
    } catch (RuntimeException e) {
      Responses.failure(ctx, e, "", "");
    }
  }

  private void authenticated(RoutingContext ctx, Parsed p, UserInfo user) {
    RequestInfo info = p.info();
    RequestInfo content =
        new RequestInfo(
            p.provider(),
            "",
            info.verb(),
            true,
            "apis",
            Apis.GROUP,
            Apis.VERSION,
            "",
            Apis.EXPORTS,
            p.export(),
            Apis.CONTENT);
    if (!user.privileged() && !authorizer.allowed(user, content)) {
      throw Authorizer.forbiddenFor(user, content);
    }
    if (!info.resourceRequest()) {
      throw ApiException.notFoundPath();
    }
    ContextHop.subscribe(
        registry
            .get(new ObjectKey(p.provider(), Apis.GROUP, Apis.EXPORTS, "", p.export()))
            .map(e -> exports(e.body(), info))
            .onFailure(StorageException.NotFound.class)
            .recoverWithItem(false),
        exported -> serve(ctx, p, user, exported),
        f -> Responses.failure(ctx, f, info.resource(), info.name()));
  }

  private void serve(RoutingContext ctx, Parsed p, UserInfo user, boolean exported) {
    RequestInfo info = p.info();
    if (!exported) {
      throw ApiException.notFoundPath();
    }
    Set<String> binders = bound.binders(p.provider(), p.export());
    if (info.cluster().equals("*")) {
      if (info.verb().equals("list")) {
        list(ctx, info, binders);
      } else if (info.verb().equals("watch")) {
        watch(ctx, p, binders);
      } else {
        throw ApiException.methodNotAllowed(
            "the export's wildcard view only serves list and watch");
      }
      return;
    }
    if (!binders.contains(info.cluster())) {
      throw ApiException.notFoundPath();
    }
    resources.dispatchAuthorized(ctx, info, user);
  }

  /** Whether the export's spec names the requested resource. */
  private static boolean exports(JsonNode export, RequestInfo info) {
    for (JsonNode r : export.path("spec").path("resources")) {
      if (r.path("group").asText().equals(info.group())
          && r.path("resource").asText().equals(info.resource())) {
        return true;
      }
    }
    return false;
  }

  private ResourceType type(RequestInfo info, Set<String> binders) {
    for (String b : binders) {
      var t = apiResources.resolve(b, info.group(), info.version(), info.resource());
      if (t.isPresent()) {
        return t.get();
      }
    }
    throw ApiException.notFoundPath();
  }

  private void list(RoutingContext ctx, RequestInfo info, Set<String> binders) {
    if (binders.isEmpty()) {
      emptyList(ctx, info);
      return;
    }
    ResourceType type = type(info, binders);
    ListOptions options = ListOptions.parse(new Query(ctx.queryParams()), type);
    ResourceScope scope = new ResourceScope("*", type.group(), type.plural(), info.namespace());
    registry
        .list(new ListRequest(scope, options.selection(), 0, null, options.exactRevision()))
        .subscribe()
        .with(
            page -> {
              ObjectNode list = JsonNodeFactory.instance.objectNode();
              list.put("kind", type.kind() + "List");
              list.put("apiVersion", type.apiVersion());
              list.putObject("metadata").put("resourceVersion", Long.toString(page.revision()));
              ArrayNode items = list.putArray("items");
              for (StoredObject o : page.items()) {
                if (binders.contains(o.key().cluster())) {
                  items.add(ReadView.of(type, o.body()));
                }
              }
              Responses.json(ctx, 200, list);
            },
            f -> Responses.failure(ctx, f, type.qualifiedResource(), ""));
  }

  private void emptyList(RoutingContext ctx, RequestInfo info) {
    registry
        .store()
        .currentRevision()
        .subscribe()
        .with(
            rev -> {
              ObjectNode list = JsonNodeFactory.instance.objectNode();
              list.put("kind", "List");
              list.put("apiVersion", info.groupVersion());
              list.putObject("metadata").put("resourceVersion", Long.toString(rev));
              list.putArray("items");
              Responses.json(ctx, 200, list);
            },
            f -> Responses.failure(ctx, f, "", ""));
  }

  private void watch(RoutingContext ctx, Parsed p, Set<String> binders) {
    RequestInfo info = p.info();
    ResourceType type = type(info, binders);
    ListOptions options = ListOptions.parse(new Query(ctx.queryParams()), type, true);
    ResourceScope scope = new ResourceScope("*", type.group(), type.plural(), info.namespace());
    WatchSink sink = WatchSink.http(ctx.response(), Responses.APPLICATION_JSON);
    AtomicBoolean closed = new AtomicBoolean();
    WatchSubscription[] sub = new WatchSubscription[1];
    Runnable close =
        () -> {
          if (closed.compareAndSet(false, true)) {
            if (sub[0] != null) {
              sub[0].close();
            }
            sink.end();
          }
        };
    long timeout = new Query(ctx.queryParams()).number("timeoutSeconds", 1800);
    long timer = vertx.setTimer(Math.max(1, timeout) * 1000, id -> close.run());
    sink.onClose(
        () -> {
          vertx.cancelTimer(timer);
          close.run();
        });
    WatchListener listener =
        new WatchListener() {
          @Override
          public void onEvent(WatchEvent event) {
            // a workspace that binds later is included from then on
            if (!closed.get()
                && (binders.contains(event.object().key().cluster())
                    || bound
                        .binders(info.cluster(), "")
                        .contains(event.object().key().cluster()))) {
              ObjectNode e = JsonNodeFactory.instance.objectNode();
              e.put("type", event.type().name());
              e.set("object", ReadView.of(type, event.object().body()));
              sink.send(e.toString());
            }
          }

          @Override
          public void onError(StorageException error) {
            ObjectNode e = JsonNodeFactory.instance.objectNode();
            e.put("type", "ERROR");
            e.set("object", StatusMapper.status(StatusMapper.toApiException(error, "", "")));
            sink.send(e.toString());
            close.run();
          }
        };
    String rv = options.resourceVersion();
    if (rv != null && !rv.equals("0")) {
      sub[0] = registry.store().watch(scope, options.selection(), Long.parseLong(rv), listener);
      return;
    }
    registry
        .list(new ListRequest(scope, options.selection(), 0, null, 0))
        .subscribe()
        .with(
            page -> {
              for (StoredObject o : page.items()) {
                if (binders.contains(o.key().cluster())) {
                  listener.onEvent(new WatchEvent(WatchEvent.Type.ADDED, o, null));
                }
              }
              sub[0] =
                  registry.store().watch(scope, options.selection(), page.revision(), listener);
            },
            f -> close.run());
  }
}
