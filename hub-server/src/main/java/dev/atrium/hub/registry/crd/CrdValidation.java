package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.crd.schema.CustomResourceSchema;
import dev.atrium.hub.request.ApiException.Cause;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The parts of apiextensions' CRD validation that keep a CRD servable. */
final class CrdValidation {

  private CrdValidation() {}

  static List<Cause> validate(ObjectNode crd) {
    List<Cause> causes = new ArrayList<>();
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText("");
    CrdNames names = CrdNames.requested(crd);
    String name = ObjectMeta.name(crd);
    if (!name.equals(names.plural() + "." + group)) {
      causes.add(
          Cause.invalidValue("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
    }
    if (group.isEmpty()) {
      causes.add(Cause.required("spec.group", ""));
    } else if (!group.contains(".")) {
      causes.add(
          Cause.invalidValue("spec.group", group, "should be a domain with at least one dot"));
    }
    names(names, causes);
    scope(spec.path("scope").asText(""), causes);
    versions(spec.path("versions"), causes);
    return causes;
  }

  private static void names(CrdNames names, List<Cause> causes) {
    if (names.plural().isEmpty()) {
      causes.add(Cause.required("spec.names.plural", ""));
    }
    if (names.kind().isEmpty()) {
      causes.add(Cause.required("spec.names.kind", ""));
    }
  }

  private static void scope(String scope, List<Cause> causes) {
    if (scope.isEmpty()) {
      causes.add(Cause.required("spec.scope", ""));
    } else if (!scope.equals("Cluster") && !scope.equals("Namespaced")) {
      causes.add(
          new Cause(
              "FieldValueNotSupported",
              "Unsupported value: \"" + scope + "\": supported values: \"Cluster\", \"Namespaced\"",
              "spec.scope"));
    }
  }

  private static void versions(JsonNode versions, List<Cause> causes) {
    if (versions.isEmpty()) {
      causes.add(
          Cause.required(
              "spec.versions", "must have exactly one version marked as storage version"));
      return;
    }
    int storage = 0;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < versions.size(); i++) {
      JsonNode v = versions.get(i);
      String path = "spec.versions[" + i + "]";
      if (v.path("storage").asBoolean(false)) {
        storage++;
      }
      if (!seen.add(v.path("name").asText(""))) {
        causes.add(
            new Cause(
                "FieldValueDuplicate",
                "Duplicate value: \"" + v.path("name").asText() + "\"",
                path + ".name"));
      }
      if (!v.path("schema").path("openAPIV3Schema").isObject()) {
        causes.add(Cause.required(path + ".schema.openAPIV3Schema", "schemas are required"));
      } else {
        causes.addAll(
            CustomResourceSchema.ruleErrors(
                v.path("schema").path("openAPIV3Schema"), path + ".schema.openAPIV3Schema"));
      }
    }
    if (storage != 1) {
      causes.add(
          new Cause(
              "FieldValueInvalid",
              "Invalid value: "
                  + versions.size()
                  + ": must have exactly one version marked as storage version",
              "spec.versions"));
    }
  }
}
