package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.request.ApiException.Cause;
import java.util.ArrayList;
import java.util.List;

/** allOf / anyOf / oneOf / not: value validations that structural schemas allow. */
final class Junctions {

  private Junctions() {}

  static List<Cause> check(JsonNode value, JsonNode schema, String path) {
    List<Cause> causes = new ArrayList<>();
    schema.path("allOf").forEach(s -> SchemaValidator.validate(value, s, path, causes));
    JsonNode anyOf = schema.path("anyOf");
    if (anyOf.size() > 0 && matching(value, anyOf, path) == 0) {
      causes.add(
          FieldErrors.invalid(
              path, value, FieldErrors.body(path) + " must validate at least one schema (anyOf)"));
    }
    JsonNode oneOf = schema.path("oneOf");
    if (oneOf.size() > 0 && matching(value, oneOf, path) != 1) {
      causes.add(
          FieldErrors.invalid(
              path,
              value,
              FieldErrors.body(path) + " must validate one and only one schema (oneOf)"));
    }
    JsonNode not = schema.get("not");
    if (not != null && not.isObject() && errors(value, not, path).isEmpty()) {
      causes.add(
          FieldErrors.invalid(
              path, value, FieldErrors.body(path) + " must not validate the schema (not)"));
    }
    return causes;
  }

  private static int matching(JsonNode value, JsonNode alternatives, String path) {
    int count = 0;
    for (JsonNode s : alternatives) {
      if (errors(value, s, path).isEmpty()) {
        count++;
      }
    }
    return count;
  }

  private static List<Cause> errors(JsonNode value, JsonNode schema, String path) {
    List<Cause> causes = new ArrayList<>();
    SchemaValidator.validate(value, schema, path, causes);
    return causes;
  }
}
