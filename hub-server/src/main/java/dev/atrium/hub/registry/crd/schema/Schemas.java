package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** Accessors on one node of a structural OpenAPI v3 schema (as in a CRD's openAPIV3Schema). */
final class Schemas {

  private Schemas() {}

  static String type(JsonNode schema) {
    return schema.path("type").asText("");
  }

  /** The schema of a named property, or null. */
  static JsonNode property(JsonNode schema, String name) {
    JsonNode p = schema.path("properties").get(name);
    return p != null && p.isObject() ? p : null;
  }

  /** additionalProperties as a schema, or null when absent or boolean. */
  static JsonNode additionalSchema(JsonNode schema) {
    JsonNode a = schema.get("additionalProperties");
    return a != null && a.isObject() ? a : null;
  }

  /** additionalProperties: true (any value, unpruned). */
  static boolean additionalAny(JsonNode schema) {
    JsonNode a = schema.get("additionalProperties");
    return a != null && a.isBoolean() && a.asBoolean();
  }

  /** The schema of a field not listed under properties, or null. */
  static JsonNode fieldSchema(JsonNode schema, String name) {
    JsonNode p = property(schema, name);
    return p != null ? p : additionalSchema(schema);
  }

  static JsonNode items(JsonNode schema) {
    JsonNode i = schema.get("items");
    return i != null && i.isObject() ? i : null;
  }

  static boolean preserveUnknown(JsonNode schema) {
    return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
  }

  static boolean intOrString(JsonNode schema) {
    return schema.path("x-kubernetes-int-or-string").asBoolean(false);
  }

  static boolean embedded(JsonNode schema) {
    return schema.path("x-kubernetes-embedded-resource").asBoolean(false);
  }

  static boolean nullable(JsonNode schema) {
    return schema.path("nullable").asBoolean(false);
  }

  /** Fields every Kubernetes object keeps regardless of the schema (root and embedded). */
  static boolean objectMetaField(String name) {
    return name.equals("apiVersion") || name.equals("kind") || name.equals("metadata");
  }

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static String index(String path, int i) {
    return path + "[" + i + "]";
  }
}
