package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** printRoleBinding / printClusterRoleBinding: Name, Role, Age, Users, Groups, ServiceAccounts. */
final class RbacPrinters {

  private RbacPrinters() {}

  static List<Object> binding(ObjectNode b, Instant now) {
    String role = Fields.text(b, "roleRef", "kind") + "/" + Fields.text(b, "roleRef", "name");
    List<JsonNode> subjects = Fields.items(b, "subjects");
    return Row.of(
        Fields.name(b),
        role,
        Times.age(b, now),
        subjects(subjects, "User"),
        subjects(subjects, "Group"),
        subjects(subjects, "ServiceAccount"));
  }

  /** rbac.SubjectsStrings: names of one subject kind, service accounts as "namespace/name". */
  private static String subjects(List<JsonNode> subjects, String kind) {
    List<String> names = new ArrayList<>();
    for (JsonNode s : subjects) {
      if (Fields.text(s, "kind").equals(kind)) {
        names.add(subjectName(s, kind));
      }
    }
    return String.join(", ", names);
  }

  private static String subjectName(JsonNode subject, String kind) {
    String name = Fields.text(subject, "name");
    return kind.equals("ServiceAccount") ? Fields.text(subject, "namespace") + "/" + name : name;
  }
}
