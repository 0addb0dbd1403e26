package dev.atrium.hub.auth.rbac;

import java.util.List;

/**
 * What every authenticated user may do in every workspace, as upstream's bootstrap ClusterRoles
 * system:discovery, system:basic-user and system:public-info-viewer bound to {@code
 * system:authenticated}.
 */
public final class BasePolicy {

  public static final String AUTHENTICATED = "system:authenticated";

  public static final List<PolicyRule> AUTHENTICATED_RULES =
      List.of(
          PolicyRule.nonResource(
              List.of("get"),
              List.of(
                  "/api",
                  "/api/*",
                  "/apis",
                  "/apis/*",
                  "/healthz",
                  "/livez",
                  "/openapi",
                  "/openapi/*",
                  "/readyz",
                  "/version",
                  "/version/")),
          PolicyRule.resource(
              List.of("create"),
              List.of("authorization.k8s.io"),
              List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews")),
          PolicyRule.resource(
              List.of("create"), List.of("authentication.k8s.io"), List.of("selfsubjectreviews")));

  /** The rules a {@code system:masters} member effectively holds. */
  public static final List<PolicyRule> MASTERS_RULES =
      List.of(
          PolicyRule.resource(List.of("*"), List.of("*"), List.of("*")),
          PolicyRule.nonResource(List.of("*"), List.of("*")));

  private BasePolicy() {}
}
