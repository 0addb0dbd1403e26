package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.request.ApiException.Cause;
import java.util.ArrayList;
import java.util.List;

/**
 * Structural schema validation with Kubernetes field paths: the type, then value constraints, then
 * the children. At the root, {@code apiVersion}, {@code kind} and {@code metadata} are not checked
 * against the schema (the generic store validates metadata).
 */
final class SchemaValidator {

  private SchemaValidator() {}

  static List<Cause> validateRoot(JsonNode object, JsonNode schema) {
    List<Cause> causes = new ArrayList<>();
    if (schema != null && object.isObject()) {
      validateChildren(object, schema, "", true, causes);
      causes.addAll(Junctions.check(object, schema, ""));
    }
    return causes;
  }

  static void validate(JsonNode value, JsonNode schema, String path, List<Cause> causes) {
    if (schema == null) {
      return;
    }
    if (value.isNull()) {
      if (!Schemas.nullable(schema) && !typeAllows(schema, value)) {
        causes.add(FieldErrors.wrongType(path, expectedType(schema), value));
      }
      return;
    }
    if (!typeAllows(schema, value)) {
      causes.add(FieldErrors.wrongType(path, expectedType(schema), value));
      return;
    }
    int before = causes.size();
    ValueChecks.check(value, schema, path, causes);
    causes.addAll(Junctions.check(value, schema, path));
    if (causes.size() == before) {
      validateChildren(value, schema, path, Schemas.embedded(schema), causes);
    }
  }

  private static void validateChildren(
      JsonNode value, JsonNode schema, String path, boolean objectMeta, List<Cause> causes) {
    if (value.isObject()) {
      required(value, schema, path, causes);
      if (objectMeta && Schemas.embedded(schema)) {
        embedded(value, path, causes);
      }
      value
          .fields()
          .forEachRemaining(
              e -> {
                if (!(objectMeta && Schemas.objectMetaField(e.getKey()))) {
                  JsonNode field = Schemas.fieldSchema(schema, e.getKey());
                  validate(e.getValue(), field, Schemas.child(path, e.getKey()), causes);
                }
              });
    } else if (value.isArray()) {
      JsonNode items = Schemas.items(schema);
      for (int i = 0; i < value.size(); i++) {
        validate(value.get(i), items, Schemas.index(path, i), causes);
      }
    }
  }

  private static void required(JsonNode value, JsonNode schema, String path, List<Cause> causes) {
    schema
        .path("required")
        .forEach(
            r -> {
              if (!value.has(r.asText())) {
                causes.add(FieldErrors.required(Schemas.child(path, r.asText())));
              }
            });
  }

  /** An embedded resource needs apiVersion and kind. */
  private static void embedded(JsonNode value, String path, List<Cause> causes) {
    for (String field : new String[] {"apiVersion", "kind"}) {
      if (value.path(field).asText("").isEmpty()) {
        causes.add(FieldErrors.required(Schemas.child(path, field), "must not be empty"));
      }
    }
  }

  static boolean typeAllows(JsonNode schema, JsonNode value) {
    if (Schemas.intOrString(schema)) {
      return value.isIntegralNumber() || value.isTextual();
    }
    return switch (Schemas.type(schema)) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  private static String expectedType(JsonNode schema) {
    return Schemas.intOrString(schema) ? "integer,string" : Schemas.type(schema);
  }
}
