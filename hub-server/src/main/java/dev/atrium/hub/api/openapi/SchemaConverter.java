package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Swagger 2.0 schema into its OpenAPI 3 form as kube-apiserver publishes it: references
 * point into {@code #/components/schemas/}, a reference with sibling keywords (description,
 * default) becomes {@code allOf:[{$ref}]} plus the siblings, and fabric8's own annotations go.
 */
final class SchemaConverter {

  private static final String SWAGGER_REF_PREFIX = "#/definitions/";
  private static final Set<String> DROPPED = Set.of("x-fabric8-info");
  private static final Set<String> SCHEMA_VALUED = Set.of("items", "additionalProperties", "not");
  private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf");

  private SchemaConverter() {}

  static JsonNode convert(JsonNode swagger) {
    if (swagger == null || !swagger.isObject()) {
      return swagger;
    }
    ObjectNode result = Json.object();
    Iterator<Map.Entry<String, JsonNode>> fields = swagger.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (DROPPED.contains(key)) {
        continue;
      }
      result.set(key, convertField(key, value));
    }
    return wrapRef(result);
  }

  private static JsonNode convertField(String key, JsonNode value) {
    if (key.equals("$ref") && value.isTextual()) {
      return TextNode.valueOf(rewrite(value.textValue()));
    }
    if (key.equals("properties") && value.isObject()) {
      ObjectNode properties = Json.object();
      value.fields().forEachRemaining(p -> properties.set(p.getKey(), convert(p.getValue())));
      return properties;
    }
    if (SCHEMA_VALUED.contains(key)) {
      return convert(value);
    }
    if (SCHEMA_LISTS.contains(key) && value.isArray()) {
      ArrayNode list = Json.array();
      value.forEach(v -> list.add(convert(v)));
      return list;
    }
    return value;
  }

  private static String rewrite(String ref) {
    return ref.startsWith(SWAGGER_REF_PREFIX)
        ? Json.SCHEMA_REF_PREFIX + ref.substring(SWAGGER_REF_PREFIX.length())
        : ref;
  }

  /** OpenAPI 3.0 ignores siblings of {@code $ref}; kube moves the reference into allOf. */
  private static ObjectNode wrapRef(ObjectNode schema) {
    JsonNode ref = schema.get("$ref");
    if (ref == null || schema.size() == 1) {
      return schema;
    }
    ObjectNode wrapped = Json.object();
    wrapped.set("allOf", Json.array().add(Json.object().set("$ref", ref)));
    schema
        .fields()
        .forEachRemaining(
            f -> {
              if (!f.getKey().equals("$ref")) {
                wrapped.set(f.getKey(), f.getValue());
              }
            });
    return wrapped;
  }

  /** Adds the definition names all {@code $ref}s below {@code schema} point at. */
  static void collectRefs(JsonNode schema, Set<String> into) {
    if (schema == null) {
      return;
    }
    if (schema.isObject()) {
      JsonNode ref = schema.get("$ref");
      if (ref != null && ref.isTextual() && ref.textValue().startsWith(Json.SCHEMA_REF_PREFIX)) {
        into.add(ref.textValue().substring(Json.SCHEMA_REF_PREFIX.length()));
      }
      schema.forEach(child -> collectRefs(child, into));
    } else if (schema.isArray()) {
      schema.forEach(item -> collectRefs(item, into));
    }
  }
}
