package dev.atrium.hub.api;

import dev.atrium.hub.auth.Authenticator;
import dev.atrium.hub.auth.syncer.SyncerAccess;
import dev.atrium.hub.auth.syncer.SyncerAccess.View;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.model.tenancy.WorkspacePath;
import dev.atrium.model.workload.Workload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The syncer view, {@code /services/syncer/<workspace>/<target>/...}: what a sync agent sees of the
 * hub (docs/internals/syncer-view.md). {@code /objects} lists and watches everything synced to the
 * target; {@code /clusters/<path>/...} is the ordinary API of a served workspace, limited by {@link
 * SyncerAccess}. Steps: parse the view, authenticate in the target's workspace, check the caller
 * acts for the target, then serve.
 */
@ApplicationScoped
public class SyncerView {

  @Inject Authenticator authenticator;
  @Inject SyncerAccess access;
  @Inject SyncerObjects objects;
  @Inject SyncerFinalizerRelease release;
  @Inject SyncerStatusWrite statusWrite;
  @Inject SyncerHeartbeat heartbeat;
  @Inject ResourceDispatcher resources;
  @Inject WorkspaceGate workspaceGate;
  @Inject RequestMetrics metrics;

  void install(@Observes Router router) {
    router.route().order(-85).handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    String path = ServicePaths.strip(ctx.request().path());
    if (!path.startsWith(Workload.VIEW_PREFIX)) {
      ctx.next();
      return;
    }
    try {
      Parsed parsed = parse(path.substring(Workload.VIEW_PREFIX.length()));
      ContextHop.subscribe(
          authenticator.authenticate(
              ctx.request().getHeader("Authorization"), parsed.view.workspace()),
          user -> authenticated(ctx, parsed, user),
          f -> Responses.failure(ctx, f, "", ""));
    } catch (RuntimeException e) {
      Responses.failure(ctx, e, "", "");
    }
  }

  private record Parsed(View view, String rest) {}

  /** {@code <workspace>/<target>/<rest>}; 404 for anything else. */
  static Parsed parse(String tail) {
    String[] parts = tail.split("/", 3);
    if (parts.length < 3 || !WorkspacePath.valid(parts[0]) || !WorkspacePath.validName(parts[1])) {
      throw ApiException.notFoundPath();
    }
    return new Parsed(new View(parts[0], parts[1]), "/" + parts[2]);
  }

  private void authenticated(RoutingContext ctx, Parsed parsed, UserInfo user) {
    ctx.put("atrium.user", user.name());
    View view = parsed.view;
    if (parsed.rest.equals("/objects")) {
      RequestInfo info = RequestInfo.parse(ctx.request().method().name(), parsed.rest, false);
      metrics.track(ctx, info);
      check(view, user, info);
      if (!ctx.request().method().name().equals("GET")) {
        throw ApiException.methodNotAllowed(
            "the syncer view's /objects only serves list and watch");
      }
      objects.serve(ctx, view);
      return;
    }
    if (!parsed.rest.startsWith("/clusters/")) {
      throw ApiException.notFoundPath();
    }
    boolean watch = new Query(ctx.queryParams()).flag("watch");
    RequestInfo info = RequestInfo.parse(ctx.request().method().name(), parsed.rest, watch);
    metrics.track(ctx, info);
    check(view, user, info);
    ContextHop.subscribe(
        workspaceGate.admit(info, user).chain(() -> access.decide(view, info, user)),
        decision -> serve(ctx, view, info, user, decision),
        f -> Responses.failure(ctx, f, info.resource(), info.name()));
  }

  private static boolean ownTarget(RequestInfo info) {
    return info.group().equals(Workload.GROUP) && info.resource().equals(Workload.SYNC_TARGETS);
  }

  private static void check(View view, UserInfo user, RequestInfo info) {
    if (!SyncerAccess.actsFor(view, user)) {
      throw SyncerAccess.forbidden(view, info);
    }
  }

  private void serve(
      RoutingContext ctx, View view, RequestInfo info, UserInfo user, SyncerAccess.Decision d) {
    try {
      if (d == SyncerAccess.Decision.RELEASE_FINALIZER) {
        release.serve(ctx, view, info, user);
      } else if (info.subresource().equals("status") && ownTarget(info)) {
        heartbeat.serve(ctx, view, info, user);
      } else if (info.subresource().equals("status")) {
        statusWrite.serve(ctx, view, info, user);
      } else {
        resources.dispatchAuthorized(ctx, info, user);
      }
    } catch (RuntimeException e) {
      Responses.failure(ctx, e, info.resource(), info.name());
    }
  }
}
