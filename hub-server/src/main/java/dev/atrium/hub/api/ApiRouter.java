package dev.atrium.hub.api;

import dev.atrium.hub.api.codec.BodyCodec;
import dev.atrium.hub.api.flow.FlowControl;
import dev.atrium.hub.auth.Authenticator;
import dev.atrium.hub.auth.Authorizer;
import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The hub's HTTP entry: request-info parse, authentication, then the non-resource endpoints or the
 * resource handlers. Every failure becomes a {@code Status}.
 */
@ApplicationScoped
public class ApiRouter {

  @Inject Authenticator authenticator;
  @Inject Authorizer authorizer;
  @Inject NonResourceHandler nonResource;
  @Inject ResourceDispatcher resources;
  @Inject RequestMetrics metrics;
  @Inject WorkspaceGate workspaceGate;
  @Inject FlowControl flowControl;

  void install(@Observes Router router) {
    router.route().order(-100).handler(this::skipManagement);
    router
        .route()
        .order(-90)
        .handler(BodyHandler.create(false).setBodyLimit(BodyCodec.MAX_BODY_BYTES))
        .failureHandler(this::bodyTooLarge);
    router.route().order(-80).handler(this::handle);
  }

  private void skipManagement(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.equals("/metrics") || path.startsWith("/q/")) {
      ctx.put("atrium.skip", true);
    }
    ctx.next();
  }

  /** The body handler's 413 (Content-Length or the bytes read over the limit) as a Status. */
  private void bodyTooLarge(RoutingContext ctx) {
    if (ctx.statusCode() != 413 || ctx.response().ended()) {
      ctx.next();
      return;
    }
    Responses.error(ctx, BodyCodec.tooLarge());
  }

  private void handle(RoutingContext ctx) {
    if (ctx.get("atrium.skip") != null) {
      ctx.next();
      return;
    }
    RequestInfo info = null;
    try {
      String rawPath = ctx.request().path();
      boolean watch = new Query(ctx.queryParams()).flag("watch");
      info = RequestInfo.parse(ctx.request().method().name(), rawPath, watch);
      metrics.track(ctx, info);
      if (nonResource.handlesAnonymously(info)) {
        nonResource.handle(ctx, info, null);
        return;
      }
      RequestInfo request = info;
      ContextHop.subscribe(
          authenticator.authenticate(ctx.request().getHeader("Authorization"), info.cluster()),
          user -> authenticated(ctx, request, user),
          f -> fail(ctx, f, request));
    } catch (RuntimeException e) {
      fail(ctx, e, info);
    }
  }

  /** Waits for a seat in the request's workspace queue (fair queuing), then serves it. */
  private void authenticated(RoutingContext ctx, RequestInfo request, UserInfo user) {
    ctx.put("atrium.user", user.name());
    flowControl.admit(ctx, request, () -> seated(ctx, request, user), e -> fail(ctx, e, request));
  }

  private void seated(RoutingContext ctx, RequestInfo request, UserInfo user) {
    try {
      workspaceGate
          .admit(request, user)
          .subscribe()
          .with(v -> dispatch(ctx, request, user), f -> fail(ctx, f, request));
    } catch (RuntimeException e) {
      fail(ctx, e, request);
    }
  }

  private void dispatch(RoutingContext ctx, RequestInfo info, UserInfo user) {
    try {
      if (info.resourceRequest()) {
        resources.dispatch(ctx, info, user);
      } else {
        ContextHop.subscribe(
            authorizer.authorize(user, info),
            v -> nonResource.handle(ctx, info, user),
            f -> fail(ctx, f, info));
      }
    } catch (RuntimeException e) {
      fail(ctx, e, info);
    }
  }

  private static void fail(RoutingContext ctx, Throwable e, RequestInfo info) {
    String qr = info == null ? "" : info.resource();
    String name = info == null ? "" : info.name();
    Responses.failure(ctx, e, qr, name);
  }
}
