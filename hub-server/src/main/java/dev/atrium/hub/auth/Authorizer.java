package dev.atrium.hub.auth;

import dev.atrium.hub.auth.rbac.Attributes;
import dev.atrium.hub.auth.rbac.RbacAuthorizer;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Authorization: Kubernetes RBAC evaluated in the request's workspace ({@link RbacAuthorizer});
 * {@code system:masters} bypasses it.
 */
@ApplicationScoped
public class Authorizer {

  @Inject RbacAuthorizer rbac;

  /** Whether the request is allowed; the RBAC index must be ready (see {@link #authorize}). */
  public boolean allowed(UserInfo user, RequestInfo info) {
    return rbac.allowed(user, info.cluster(), Attributes.of(info));
  }

  /** Completes when allowed; fails with 403 naming the workspace otherwise. */
  public Uni<Void> authorize(UserInfo user, RequestInfo info) {
    if (rbac.index().isReady()) {
      return check(user, info)
          ? Uni.createFrom().voidItem()
          : Uni.createFrom().failure(forbidden(user, info));
    }
    return rbac.ready()
        .map(
            v -> {
              if (!check(user, info)) {
                throw forbidden(user, info);
              }
              return null;
            });
  }

  private boolean check(UserInfo user, RequestInfo info) {
    return user.privileged() || allowed(user, info);
  }

  /** The 403 of an RBAC denial for this request (also used where existence must not leak). */
  public static ApiException forbiddenFor(UserInfo user, RequestInfo info) {
    return forbidden(user, info);
  }

  static ApiException forbidden(UserInfo user, RequestInfo info) {
    if (!info.resourceRequest()) {
      return new ApiException(
          403,
          "Forbidden",
          "forbidden: User \""
              + user.name()
              + "\" cannot "
              + info.verb()
              + " path \""
              + info.path()
              + "\" in workspace \""
              + info.cluster()
              + "\"",
          null);
    }
    String resource =
        info.group().isEmpty() ? info.resource() : info.resource() + "." + info.group();
    String where =
        info.namespace().isEmpty()
            ? "at the cluster scope"
            : "in the namespace \"" + info.namespace() + "\"";
    String asked =
        info.subresource().isEmpty() ? info.resource() : info.resource() + "/" + info.subresource();
    String message =
        resource
            + (info.name().isEmpty() ? "" : " \"" + info.name() + "\"")
            + " is forbidden: User \""
            + user.name()
            + "\" cannot "
            + info.verb()
            + " resource \""
            + asked
            + "\" in API group \""
            + info.group()
            + "\" "
            + where
            + " in workspace \""
            + info.cluster()
            + "\"";
    return new ApiException(403, "Forbidden", message, null);
  }
}
