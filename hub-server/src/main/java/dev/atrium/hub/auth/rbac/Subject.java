package dev.atrium.hub.auth.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.request.UserInfo;
import java.util.ArrayList;
import java.util.List;

/** A subject of a binding: User, Group or ServiceAccount. */
public record Subject(String kind, String name, String namespace) {

  public static final String SA_PREFIX = "system:serviceaccount:";

  public static List<Subject> listFromJson(JsonNode subjects) {
    List<Subject> result = new ArrayList<>();
    subjects.forEach(
        s ->
            result.add(
                new Subject(
                    s.path("kind").asText(""),
                    s.path("name").asText(""),
                    s.path("namespace").asText(""))));
    return result;
  }

  /** Kubernetes' {@code appliesToUser}. */
  public boolean appliesTo(UserInfo user, String bindingNamespace) {
    switch (kind) {
      case "User":
        return name.equals(user.name());
      case "Group":
        return user.groups().contains(name);
      case "ServiceAccount":
        String ns = namespace.isEmpty() ? bindingNamespace : namespace;
        return user.name().equals(SA_PREFIX + ns + ":" + name);
      default:
        return false;
    }
  }
}
