package dev.atrium.hub.auth.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.request.UserInfo;
import java.util.List;

/**
 * A RoleBinding ({@code namespace} set) or ClusterRoleBinding ({@code namespace} ""). {@code
 * propagate}: a ClusterRoleBinding that also grants in descendant workspaces.
 */
public record Binding(
    String namespace,
    String name,
    String roleKind,
    String roleName,
    List<Subject> subjects,
    boolean propagate) {

  public static final String PROPAGATE_LABEL = "policy.atrium.dev/propagate";

  public static Binding fromJson(JsonNode object) {
    JsonNode meta = object.path("metadata");
    JsonNode ref = object.path("roleRef");
    return new Binding(
        meta.path("namespace").asText(""),
        meta.path("name").asText(""),
        ref.path("kind").asText(""),
        ref.path("name").asText(""),
        List.copyOf(Subject.listFromJson(object.path("subjects"))),
        "true".equals(meta.path("labels").path(PROPAGATE_LABEL).asText("")));
  }

  public boolean appliesTo(UserInfo user) {
    for (Subject s : subjects) {
      if (s.appliesTo(user, namespace)) {
        return true;
      }
    }
    return false;
  }

  public boolean refersToClusterRole() {
    return "ClusterRole".equals(roleKind);
  }
}
