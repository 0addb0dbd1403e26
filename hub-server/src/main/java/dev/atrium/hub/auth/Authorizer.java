package dev.atrium.hub.auth;

import dev.atrium.hub.api.ApiException;
import dev.atrium.hub.api.RequestInfo;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authorization. {@code system:masters} bypasses it; every other identity is denied until
 * per-workspace RBAC is evaluated here.
 */
@ApplicationScoped
public class Authorizer {

  public boolean allowed(UserInfo user, RequestInfo info) {
    return user.privileged();
  }

  public void authorize(UserInfo user, RequestInfo info) {
    if (!allowed(user, info)) {
      throw forbidden(user, info);
    }
  }

  /** The 403 of an RBAC denial for this request (also used where existence must not leak). */
  public static ApiException forbiddenFor(UserInfo user, RequestInfo info) {
    return forbidden(user, info);
  }

  static ApiException forbidden(UserInfo user, RequestInfo info) {
    String resource =
        info.group().isEmpty() ? info.resource() : info.resource() + "." + info.group();
    String where =
        info.namespace().isEmpty()
            ? "at the cluster scope"
            : "in the namespace \"" + info.namespace() + "\"";
    String message =
        resource
            + (info.name().isEmpty() ? "" : " \"" + info.name() + "\"")
            + " is forbidden: User \""
            + user.name()
            + "\" cannot "
            + info.verb()
            + " resource \""
            + info.resource()
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
