package dev.atrium.hub.api;

import dev.atrium.hub.auth.Authorizer;
import dev.atrium.hub.registry.LogicalClusters;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.WorkspacePath;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Lets a request into its workspace. The root always exists; the wildcard view is for privileged
 * identities only. A missing workspace is 404 for callers who may read workspaces in its parent,
 * and otherwise exactly the 403 an RBAC denial would give, so existence does not leak.
 */
@ApplicationScoped
public class WorkspaceGate {

  @Inject LogicalClusters clusters;
  @Inject Authorizer authorizer;

  public Uni<Void> admit(RequestInfo info, UserInfo user) {
    String cluster = info.cluster();
    if (cluster.equals(RequestInfo.ROOT)) {
      return Uni.createFrom().voidItem();
    }
    if (cluster.equals("*")) {
      return wildcard(info, user);
    }
    return clusters.phase(cluster).map(phase -> decide(phase, info, user));
  }

  private static Uni<Void> wildcard(RequestInfo info, UserInfo user) {
    if (!user.privileged()) {
      return Uni.createFrom().failure(Authorizer.forbiddenFor(user, info));
    }
    boolean readOnlyNonResource = !info.resourceRequest() && info.verb().equals("get");
    boolean listOrWatch = info.verb().equals("list") || info.verb().equals("watch");
    if (!readOnlyNonResource && !listOrWatch) {
      return Uni.createFrom()
          .failure(
              ApiException.methodNotAllowed(
                  "the wildcard view /clusters/* only serves list and watch"));
    }
    return Uni.createFrom().voidItem();
  }

  private Void decide(Optional<String> phase, RequestInfo info, UserInfo user) {
    WorkspacePath path = new WorkspacePath(info.cluster());
    if (phase.isEmpty()) {
      if (mayReadParent(path, user)) {
        throw ApiException.notFound("workspaces." + Tenancy.GROUP, path.name());
      }
      throw Authorizer.forbiddenFor(user, info);
    }
    String p = phase.get();
    if (p.equals(Tenancy.PHASE_SCHEDULING) || p.equals(Tenancy.PHASE_INITIALIZING)) {
      ApiException notReady =
          new ApiException(
              503,
              "ServiceUnavailable",
              "workspace \"" + path.value() + "\" is not ready yet (" + p + ")",
              retryAfter(1));
      throw notReady;
    }
    return null;
  }

  private boolean mayReadParent(WorkspacePath path, UserInfo user) {
    RequestInfo getInParent =
        new RequestInfo(
            path.parent().orElseThrow().value(),
            "",
            "get",
            true,
            "apis",
            Tenancy.GROUP,
            Tenancy.VERSION,
            "",
            Tenancy.WORKSPACES,
            path.name(),
            "");
    return authorizer.allowed(user, getInParent);
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode retryAfter(int seconds) {
    var details = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    details.put("retryAfterSeconds", seconds);
    return details;
  }
}
