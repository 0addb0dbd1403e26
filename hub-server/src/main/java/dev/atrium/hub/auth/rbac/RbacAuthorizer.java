package dev.atrium.hub.auth.rbac;

import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.UserInfo;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes RBAC evaluated inside one workspace: {@code system:masters} bypasses, every
 * authenticated user has the discovery/basic-user rules, and everything else comes from the
 * bindings in {@link RbacIndex} (with ClusterRoleBindings propagated from ancestors).
 */
@ApplicationScoped
public class RbacAuthorizer {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  @Inject RbacIndex index;

  /** Completes when the index is loaded; immediately after startup. */
  public Uni<Void> ready() {
    if (index.isReady()) {
      return Uni.createFrom().voidItem();
    }
    return index
        .ready()
        .ifNoItem()
        .after(READY_TIMEOUT)
        .failWith(
            () ->
                new ApiException(
                    503, "ServiceUnavailable", "authorization is not ready yet", null));
  }

  /** Whether {@code user} may do {@code a} in {@code cluster}; the index must be ready. */
  public boolean allowed(UserInfo user, String cluster, Attributes a) {
    if (user.privileged()) {
      return true;
    }
    if (user.groups().contains(BasePolicy.AUTHENTICATED)
        && RuleMatcher.anyAllows(BasePolicy.AUTHENTICATED_RULES, a)) {
      return true;
    }
    return index.visitRules(user, cluster, a.namespace(), r -> RuleMatcher.allows(r, a));
  }

  /**
   * Every rule that applies to {@code user} in {@code namespace} of {@code cluster} ("" = the
   * cluster-wide ones), as SelfSubjectRulesReview and escalation checks need them.
   */
  public List<PolicyRule> rulesFor(UserInfo user, String cluster, String namespace) {
    List<PolicyRule> rules = new ArrayList<>();
    if (user.privileged()) {
      rules.addAll(BasePolicy.MASTERS_RULES);
    }
    if (user.groups().contains(BasePolicy.AUTHENTICATED)) {
      rules.addAll(BasePolicy.AUTHENTICATED_RULES);
    }
    index.visitRules(
        user,
        cluster,
        namespace,
        r -> {
          if (!rules.contains(r)) {
            rules.add(r);
          }
          return false;
        });
    return rules;
  }

  public RbacIndex index() {
    return index;
  }
}
