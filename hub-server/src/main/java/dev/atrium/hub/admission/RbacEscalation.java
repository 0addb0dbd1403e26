package dev.atrium.hub.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.auth.rbac.Attributes;
import dev.atrium.hub.auth.rbac.BasePolicy;
import dev.atrium.hub.auth.rbac.Covers;
import dev.atrium.hub.auth.rbac.PolicyRule;
import dev.atrium.hub.auth.rbac.RbacAuthorizer;
import dev.atrium.hub.auth.rbac.RbacIndex;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.model.catalog.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * RBAC escalation prevention, as Kubernetes' RBAC registry: a Role/ClusterRole may only grant what
 * the writer holds (unless {@code escalate} on it), a binding may only refer to a role whose rules
 * the writer holds (unless {@code bind} on it). The RBAC index is ready once a request is
 * authorized, so the check is synchronous.
 */
@ApplicationScoped
public class RbacEscalation {

  @Inject RbacAuthorizer rbac;

  /** {@code change} followed by the check of its result, for updates and patches. */
  public UnaryOperator<ObjectNode> checking(
      ResourceType type,
      String cluster,
      String namespace,
      UserInfo user,
      UnaryOperator<ObjectNode> change) {
    if (!applies(type, user)) {
      return change;
    }
    return current -> {
      ObjectNode next = change.apply(current);
      check(type, cluster, namespace, user, next);
      return next;
    };
  }

  /** Fails with 403 when writing {@code object} would escalate {@code user}'s privileges. */
  public void check(
      ResourceType type, String cluster, String namespace, UserInfo user, ObjectNode object) {
    if (!applies(type, user)) {
      return;
    }
    String name = ObjectMeta.name(object);
    switch (type.plural()) {
      case RbacIndex.ROLES, RbacIndex.CLUSTER_ROLES ->
          checkRole(type, cluster, namespace, user, name, object);
      default -> checkBinding(type, cluster, namespace, user, name, object.path("roleRef"));
    }
  }

  private static boolean applies(ResourceType type, UserInfo user) {
    return type.group().equals(RbacIndex.GROUP) && !user.privileged();
  }

  private void checkRole(
      ResourceType type, String cluster, String ns, UserInfo user, String name, ObjectNode role) {
    Attributes escalate =
        Attributes.resource("escalate", RbacIndex.GROUP, type.plural(), "", ns, name);
    if (rbac.allowed(user, cluster, escalate)) {
      return;
    }
    List<PolicyRule> held = rbac.rulesFor(user, cluster, ns);
    if (role.path("aggregationRule").isObject()
        && !Covers.uncovered(held, BasePolicy.MASTERS_RULES).isEmpty()) {
      throw forbidden(type, name, "must have cluster-admin privileges to use the aggregationRule");
    }
    List<PolicyRule> missing = Covers.uncovered(held, PolicyRule.listFromJson(role.path("rules")));
    if (!missing.isEmpty()) {
      throw notHeld(type, name, user, missing);
    }
  }

  private void checkBinding(
      ResourceType type, String cluster, String ns, UserInfo user, String name, JsonNode ref) {
    String kind = ref.path("kind").asText("");
    String roleName = ref.path("name").asText("");
    String plural = "ClusterRole".equals(kind) ? RbacIndex.CLUSTER_ROLES : RbacIndex.ROLES;
    Attributes bind = Attributes.resource("bind", RbacIndex.GROUP, plural, "", ns, roleName);
    if (rbac.allowed(user, cluster, bind)) {
      return;
    }
    List<PolicyRule> granted = rbac.index().roleRules(cluster, ns, kind, roleName);
    if (granted == null) {
      throw ApiException.notFound(plural + "." + RbacIndex.GROUP, roleName);
    }
    List<PolicyRule> missing = Covers.uncovered(rbac.rulesFor(user, cluster, ns), granted);
    if (!missing.isEmpty()) {
      throw notHeld(type, name, user, missing);
    }
  }

  private static ApiException notHeld(
      ResourceType type, String name, UserInfo user, List<PolicyRule> missing) {
    String groups =
        user.groups().stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(" ", "[", "]"));
    String rules =
        missing.stream().map(PolicyRule::compactString).collect(Collectors.joining("\n"));
    return forbidden(
        type,
        name,
        "user \""
            + user.name()
            + "\" (groups="
            + groups
            + ") is attempting to grant RBAC permissions not currently held:\n"
            + rules);
  }

  private static ApiException forbidden(ResourceType type, String name, String reason) {
    String qr = type.qualifiedResource();
    return new ApiException(
        403,
        "Forbidden",
        qr + " \"" + name + "\" is forbidden: " + reason,
        ApiException.details(qr, name));
  }
}
