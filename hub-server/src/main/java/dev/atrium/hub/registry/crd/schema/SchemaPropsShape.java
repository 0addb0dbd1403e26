package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * The JSON types of a CRD's {@code openAPIV3Schema} ({@code JSONSchemaProps}), recursively: what
 * kube-apiserver's decoder enforces before any schema rule runs. Validation, defaulting, pruning
 * and the OpenAPI documents all read these fields and may assume their types once this passes.
 */
public final class SchemaPropsShape {

  private enum Kind {
    STRING,
    BOOLEAN,
    NUMBER,
    INTEGER,
    STRING_LIST,
    ARRAY,
    OBJECT,
    SCHEMA,
    SCHEMA_MAP,
    SCHEMA_LIST,
    SCHEMA_OR_BOOLEAN,
    SCHEMA_OR_LIST,
    SCHEMA_OR_STRING_LIST_MAP
  }

  private static final Map<String, Kind> FIELDS =
      Map.ofEntries(
          Map.entry("id", Kind.STRING),
          Map.entry("$schema", Kind.STRING),
          Map.entry("$ref", Kind.STRING),
          Map.entry("description", Kind.STRING),
          Map.entry("type", Kind.STRING),
          Map.entry("format", Kind.STRING),
          Map.entry("title", Kind.STRING),
          Map.entry("pattern", Kind.STRING),
          Map.entry("maximum", Kind.NUMBER),
          Map.entry("minimum", Kind.NUMBER),
          Map.entry("multipleOf", Kind.NUMBER),
          Map.entry("exclusiveMaximum", Kind.BOOLEAN),
          Map.entry("exclusiveMinimum", Kind.BOOLEAN),
          Map.entry("uniqueItems", Kind.BOOLEAN),
          Map.entry("nullable", Kind.BOOLEAN),
          Map.entry("maxLength", Kind.INTEGER),
          Map.entry("minLength", Kind.INTEGER),
          Map.entry("maxItems", Kind.INTEGER),
          Map.entry("minItems", Kind.INTEGER),
          Map.entry("maxProperties", Kind.INTEGER),
          Map.entry("minProperties", Kind.INTEGER),
          Map.entry("required", Kind.STRING_LIST),
          Map.entry("enum", Kind.ARRAY),
          Map.entry("items", Kind.SCHEMA_OR_LIST),
          Map.entry("allOf", Kind.SCHEMA_LIST),
          Map.entry("oneOf", Kind.SCHEMA_LIST),
          Map.entry("anyOf", Kind.SCHEMA_LIST),
          Map.entry("not", Kind.SCHEMA),
          Map.entry("properties", Kind.SCHEMA_MAP),
          Map.entry("patternProperties", Kind.SCHEMA_MAP),
          Map.entry("definitions", Kind.SCHEMA_MAP),
          Map.entry("additionalProperties", Kind.SCHEMA_OR_BOOLEAN),
          Map.entry("additionalItems", Kind.SCHEMA_OR_BOOLEAN),
          Map.entry("dependencies", Kind.SCHEMA_OR_STRING_LIST_MAP),
          Map.entry("externalDocs", Kind.OBJECT),
          Map.entry("x-kubernetes-preserve-unknown-fields", Kind.BOOLEAN),
          Map.entry("x-kubernetes-embedded-resource", Kind.BOOLEAN),
          Map.entry("x-kubernetes-int-or-string", Kind.BOOLEAN),
          Map.entry("x-kubernetes-list-map-keys", Kind.STRING_LIST),
          Map.entry("x-kubernetes-list-type", Kind.STRING),
          Map.entry("x-kubernetes-map-type", Kind.STRING),
          Map.entry("x-kubernetes-validations", Kind.ARRAY));

  private static final Set<String> NAMES = FIELDS.keySet();

  private SchemaPropsShape() {}

  /**
   * The first mismatch under {@code schema} (at {@code path}) as "path must be ...", or null when
   * every known field has its type.
   */
  public static String mismatch(JsonNode schema, String path) {
    if (!schema.isObject()) {
      return path + " must be an object";
    }
    for (var it = schema.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!NAMES.contains(e.getKey()) || e.getValue().isNull()) {
        continue;
      }
      String found = check(FIELDS.get(e.getKey()), e.getValue(), path + "." + e.getKey());
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static String check(Kind kind, JsonNode v, String path) {
    return switch (kind) {
      case STRING -> v.isTextual() ? null : path + " must be a string";
      case BOOLEAN -> v.isBoolean() ? null : path + " must be a boolean";
      case NUMBER -> v.isNumber() ? null : path + " must be a number";
      case INTEGER -> v.isIntegralNumber() ? null : path + " must be an integer";
      case ARRAY -> v.isArray() ? null : path + " must be a list";
      case OBJECT -> v.isObject() ? null : path + " must be an object";
      case STRING_LIST -> stringList(v, path);
      case SCHEMA -> mismatch(v, path);
      case SCHEMA_LIST -> schemaList(v, path);
      case SCHEMA_MAP -> schemaMap(v, path);
      case SCHEMA_OR_BOOLEAN -> v.isBoolean() ? null : mismatch(v, path);
      case SCHEMA_OR_LIST -> v.isArray() ? schemaList(v, path) : mismatch(v, path);
      case SCHEMA_OR_STRING_LIST_MAP -> dependencies(v, path);
    };
  }

  private static String stringList(JsonNode v, String path) {
    if (!v.isArray()) {
      return path + " must be a list of strings";
    }
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        return path + " must be a list of strings";
      }
    }
    return null;
  }

  private static String schemaList(JsonNode v, String path) {
    if (!v.isArray()) {
      return path + " must be a list of schemas";
    }
    for (int i = 0; i < v.size(); i++) {
      String found = mismatch(v.get(i), path + "[" + i + "]");
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static String schemaMap(JsonNode v, String path) {
    if (!v.isObject()) {
      return path + " must be an object of schemas";
    }
    for (var it = v.fields(); it.hasNext(); ) {
      var e = it.next();
      String found = mismatch(e.getValue(), path + "." + e.getKey());
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static String dependencies(JsonNode v, String path) {
    if (!v.isObject()) {
      return path + " must be an object";
    }
    for (var it = v.fields(); it.hasNext(); ) {
      var e = it.next();
      String at = path + "." + e.getKey();
      String found =
          e.getValue().isArray() ? stringList(e.getValue(), at) : mismatch(e.getValue(), at);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
