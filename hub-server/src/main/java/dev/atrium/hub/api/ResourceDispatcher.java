package dev.atrium.hub.api;

import dev.atrium.hub.auth.Authorizer;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.CpuPool;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.model.catalog.ResourceType;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Resolves the resource type, authorizes, and routes the verb to its handler. */
@ApplicationScoped
public class ResourceDispatcher {

  @Inject ApiResources apiResources;
  @Inject Authorizer authorizer;
  @Inject ReadHandler reads;
  @Inject WriteHandler writes;
  @Inject WatchHandler watches;
  @Inject ReviewHandler reviews;
  @Inject TokenRequestHandler tokens;
  @Inject CpuPool cpu;

  void dispatch(RoutingContext ctx, RequestInfo info, UserInfo user) {
    ApiRequest req = request(ctx, info, user);
    ContextHop.subscribe(authorizer.authorize(user, info), v -> serve(req), req::fail);
  }

  /**
   * Routes the request; writes with a body (decode, patch, admission checks over the body) start on
   * the {@link CpuPool}, not on the event loop.
   */
  private void serve(ApiRequest req) {
    if (!carriesBody(req.info().verb())) {
      route(req);
      return;
    }
    cpu.execute(
        () -> {
          try {
            route(req);
          } catch (RuntimeException | StackOverflowError e) {
            req.fail(e);
          }
        });
  }

  private static boolean carriesBody(String verb) {
    return verb.equals("create") || verb.equals("update") || verb.equals("patch");
  }

  /** Serves a request another gate already authorized (the syncer view). */
  public void dispatchAuthorized(RoutingContext ctx, RequestInfo info, UserInfo user) {
    serve(request(ctx, info, user));
  }

  /** Resolves the type and checks the verb; 404 / 405 otherwise. */
  ApiRequest request(RoutingContext ctx, RequestInfo info, UserInfo user) {
    ResourceType type =
        apiResources
            .resolve(info.cluster(), info.group(), info.version(), info.resource())
            .orElseThrow(ApiException::notFoundPath);
    String sub = info.subresource();
    if (!sub.isEmpty() && !type.hasSubresource(sub)) {
      throw ApiException.notFoundPath();
    }
    if (sub.isEmpty() && !type.verbs().contains(info.verb())) {
      throw ApiException.methodNotAllowed(
          "the server does not allow this method on the requested resource");
    }
    return new ApiRequest(ctx, info, type, user, new Query(ctx.queryParams()));
  }

  private void route(ApiRequest req) {
    String sub = req.info().subresource();
    switch (req.info().verb()) {
      case "get":
        if (sub.equals("scale")) {
          writes.scaleGet(req);
        } else {
          reads.get(req);
        }
        return;
      case "list":
        reads.list(req);
        return;
      case "watch":
        watches.watch(req);
        return;
      case "create":
        if (sub.equals("token")) {
          tokens.create(req);
        } else if (ReviewHandler.handles(req.type())) {
          reviews.create(req);
        } else {
          writes.create(req);
        }
        return;
      case "update":
        writes.update(req);
        return;
      case "patch":
        writes.patch(req);
        return;
      case "delete":
        writes.delete(req);
        return;
      case "deletecollection":
        writes.deleteCollection(req);
        return;
      default:
        throw ApiException.methodNotAllowed("unsupported verb " + req.info().verb());
    }
  }
}
