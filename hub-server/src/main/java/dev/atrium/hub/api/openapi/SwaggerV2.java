package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns the OpenAPI 3 documents of the group-versions a logical cluster serves into the one Swagger
 * 2.0 document kube-apiserver serves at {@code /openapi/v2}: the same paths and component schemas,
 * rendered the v2 way.
 *
 * <ul>
 *   <li>references point into {@code #/definitions/}, and {@code allOf:[{$ref}]} plus siblings
 *       becomes {@code $ref} plus siblings;
 *   <li>request bodies become {@code in: body} parameters, response content becomes a response
 *       schema, and parameter schemas are flattened into the parameter;
 *   <li>keywords Swagger 2.0 has not (nullable, anyOf, oneOf, not...) are dropped;
 *   <li>schemas of custom kinds (CRD structural schemas) lose what kubectl's v2 model cannot read,
 *       as apiextensions-apiserver publishes them: junctors go, nullable and
 *       preserve-unknown-fields values become untyped, arrays without items lose their type, and a
 *       kind that preserves unknown fields at its root is published as a bare object;
 *   <li>a reference to a definition the model has not (e.g. {@code runtime.RawExtension}) gets a
 *       stand-in object definition, since kubectl rejects the whole document on a dangling one.
 * </ul>
 */
final class SwaggerV2 {

  static final String DEFINITIONS_PREFIX = "#/definitions/";

  /** The keywords of a Swagger 2.0 schema object (plus {@code x-} extensions). */
  private static final Set<String> SCHEMA_KEYWORDS =
      Set.of(
          "$ref",
          "format",
          "title",
          "description",
          "default",
          "multipleOf",
          "maximum",
          "exclusiveMaximum",
          "minimum",
          "exclusiveMinimum",
          "maxLength",
          "minLength",
          "pattern",
          "maxItems",
          "minItems",
          "uniqueItems",
          "maxProperties",
          "minProperties",
          "required",
          "enum",
          "additionalProperties",
          "type",
          "items",
          "allOf",
          "properties",
          "discriminator",
          "readOnly",
          "xml",
          "externalDocs",
          "example");

  private static final Set<String> JUNCTORS = Set.of("allOf", "anyOf", "oneOf", "not");
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch");
  private static final String PRESERVE = "x-kubernetes-preserve-unknown-fields";

  private final SortedMap<String, JsonNode> paths = new TreeMap<>();
  private final SortedMap<String, JsonNode> definitions = new TreeMap<>();
  private final Set<String> custom;

  /**
   * @param customDefinitions the component schemas of custom kinds (and their lists), which get the
   *     structural-schema treatment
   */
  SwaggerV2(Set<String> customDefinitions) {
    this.custom = customDefinitions;
  }

  /** Adds the paths and component schemas of one OpenAPI 3 group-version document. */
  SwaggerV2 add(JsonNode openApiV3) {
    openApiV3
        .path("paths")
        .fields()
        .forEachRemaining(p -> paths.put(p.getKey(), pathItem(p.getValue())));
    openApiV3
        .path("components")
        .path("schemas")
        .fields()
        .forEachRemaining(
            s -> definitions.computeIfAbsent(s.getKey(), name -> definition(name, s.getValue())));
    return this;
  }

  /** The whole document, keys sorted as kube-apiserver writes them. */
  ObjectNode document() {
    addMissingDefinitions();
    ObjectNode doc = Json.object();
    doc.put("swagger", "2.0");
    doc.set(
        "info",
        Json.object().put("title", "Kubernetes").put("version", DocumentBuilder.KUBE_VERSION));
    ObjectNode pathsNode = doc.putObject("paths");
    paths.forEach(pathsNode::set);
    ObjectNode definitionsNode = doc.putObject("definitions");
    definitions.forEach(definitionsNode::set);
    ObjectNode bearer = doc.putObject("securityDefinitions").putObject("BearerToken");
    bearer.put("description", "Bearer Token authentication");
    bearer.put("in", "header");
    bearer.put("name", "authorization");
    bearer.put("type", "apiKey");
    doc.putArray("security").addObject().putArray("BearerToken");
    return doc;
  }

  // ---- paths ----------------------------------------------------------------------------------

  private static ObjectNode pathItem(JsonNode v3) {
    ObjectNode item = Json.object();
    for (String method : METHODS) {
      JsonNode op = v3.get(method);
      if (op != null) {
        item.set(method, operation(method, op));
      }
    }
    if (v3.has("parameters")) {
      item.set("parameters", parameters(v3.get("parameters")));
    }
    return item;
  }

  private static ObjectNode operation(String method, JsonNode v3) {
    ObjectNode op = Json.object();
    copy(v3, op, "description");
    JsonNode body = v3.get("requestBody");
    ArrayNode consumes = op.putArray("consumes");
    if (method.equals("patch") && body != null) {
      body.path("content").fieldNames().forEachRemaining(consumes::add);
    } else {
      consumes.add("*/*");
    }
    copy(v3, op, "operationId");
    ArrayNode parameters = Json.array();
    if (body != null) {
      ObjectNode bodyParameter = parameters.addObject();
      bodyParameter.put("in", "body");
      bodyParameter.put("name", "body");
      if (body.path("required").asBoolean(false)) {
        bodyParameter.put("required", true);
      }
      JsonNode schema = firstContentSchema(body);
      bodyParameter.set("schema", schema == null ? Json.object() : schema(schema, false));
    }
    v3.path("parameters").forEach(p -> parameters.add(parameter(p)));
    if (!parameters.isEmpty()) {
      op.set("parameters", parameters);
    }
    Set<String> produces = new LinkedHashSet<>();
    ObjectNode responses = Json.object();
    v3.path("responses")
        .fields()
        .forEachRemaining(
            r -> {
              ObjectNode response = responses.putObject(r.getKey());
              copy(r.getValue(), response, "description");
              r.getValue().path("content").fieldNames().forEachRemaining(produces::add);
              JsonNode schema = firstContentSchema(r.getValue());
              if (schema != null) {
                response.set("schema", schema(schema, false));
              }
            });
    ArrayNode producesNode = op.putArray("produces");
    produces.forEach(producesNode::add);
    op.set("responses", responses);
    op.set("schemes", Json.strings("https"));
    copy(v3, op, "tags");
    v3.fields()
        .forEachRemaining(
            f -> {
              if (f.getKey().startsWith("x-")) {
                op.set(f.getKey(), f.getValue());
              }
            });
    return op;
  }

  private static JsonNode firstContentSchema(JsonNode bodyOrResponse) {
    Iterator<JsonNode> content = bodyOrResponse.path("content").elements();
    return content.hasNext() ? content.next().get("schema") : null;
  }

  private static ArrayNode parameters(JsonNode v3) {
    ArrayNode result = Json.array();
    v3.forEach(p -> result.add(parameter(p)));
    return result;
  }

  /** A non-body parameter: its schema's keywords move into the parameter itself. */
  private static ObjectNode parameter(JsonNode v3) {
    ObjectNode p = Json.object();
    JsonNode schema = v3.path("schema");
    copy(schema, p, "uniqueItems");
    copy(schema, p, "type");
    copy(v3, p, "description");
    copy(v3, p, "name");
    copy(v3, p, "in");
    if (v3.path("required").asBoolean(false)) {
      p.put("required", true);
    }
    return p;
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value != null) {
      to.set(field, value);
    }
  }

  // ---- schemas --------------------------------------------------------------------------------

  private JsonNode definition(String name, JsonNode v3) {
    boolean structural = custom.contains(name);
    if (structural && v3.path(PRESERVE).asBoolean(false)) {
      ObjectNode bare = Json.object().put("type", "object");
      copy(v3, bare, "x-kubernetes-group-version-kind");
      return bare;
    }
    return schema(v3, structural);
  }

  /**
   * One schema in its v2 form.
   *
   * @param structural whether the structural-schema rules of published CRD schemas apply
   */
  static JsonNode schema(JsonNode v3, boolean structural) {
    if (v3 == null || !v3.isObject()) {
      return v3;
    }
    ObjectNode in = unwrapRef((ObjectNode) v3);
    ObjectNode out = Json.object();
    Iterator<Map.Entry<String, JsonNode>> fields = in.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (!key.startsWith("x-") && !SCHEMA_KEYWORDS.contains(key)) {
        continue;
      }
      if (structural && JUNCTORS.contains(key)) {
        continue;
      }
      switch (key) {
        case "$ref" -> out.set(key, TextNode.valueOf(rewrite(value.asText())));
        case "properties" -> {
          ObjectNode properties = Json.object();
          value
              .fields()
              .forEachRemaining(p -> properties.set(p.getKey(), schema(p.getValue(), structural)));
          out.set(key, properties);
        }
        case "items" -> {
          if (value.isArray()) {
            ArrayNode items = Json.array();
            value.forEach(i -> items.add(schema(i, structural)));
            out.set(key, items);
          } else {
            out.set(key, schema(value, structural));
          }
        }
        case "additionalProperties" ->
            out.set(key, value.isObject() ? schema(value, structural) : value);
        case "allOf" -> {
          ArrayNode all = Json.array();
          value.forEach(s -> all.add(schema(s, structural)));
          out.set(key, all);
        }
        default -> out.set(key, value);
      }
    }
    if (structural) {
      structuralV2(in, out);
    }
    if (out.path("type").asText().equals("array") && !out.has("items")) {
      out.remove("type");
    }
    return out;
  }

  /** What apiextensions-apiserver does to a structural schema before publishing it in v2. */
  private static void structuralV2(ObjectNode in, ObjectNode out) {
    boolean nullable = in.path("nullable").asBoolean(false);
    boolean preserve = in.path(PRESERVE).asBoolean(false);
    if (nullable) {
      out.remove("type");
    }
    if (nullable || preserve) {
      out.remove("items");
      out.remove("properties");
    }
    if (preserve && out.path("type").asText().equals("object")) {
      out.remove("type");
    }
    JsonNode required = out.get("required");
    JsonNode properties = in.get("properties");
    if (required != null && required.isArray() && properties != null) {
      ArrayNode kept = Json.array();
      required.forEach(
          r -> {
            if (!properties.path(r.asText()).path("nullable").asBoolean(false)) {
              kept.add(r);
            }
          });
      if (in.path("additionalProperties").path("nullable").asBoolean(false)) {
        kept.removeAll();
      }
      if (kept.isEmpty()) {
        out.remove("required");
      } else {
        out.set("required", kept);
      }
    }
  }

  /** {@code {"allOf":[{"$ref":R}], ...siblings}} back to {@code {"$ref":R, ...siblings}}. */
  private static ObjectNode unwrapRef(ObjectNode schema) {
    JsonNode all = schema.get("allOf");
    if (all == null
        || !all.isArray()
        || all.size() != 1
        || all.get(0).size() != 1
        || !all.get(0).has("$ref")) {
      return schema;
    }
    ObjectNode unwrapped = Json.object();
    unwrapped.set("$ref", all.get(0).get("$ref"));
    schema
        .fields()
        .forEachRemaining(
            f -> {
              if (!f.getKey().equals("allOf")) {
                unwrapped.set(f.getKey(), f.getValue());
              }
            });
    return unwrapped;
  }

  private static String rewrite(String ref) {
    return ref.startsWith(Json.SCHEMA_REF_PREFIX)
        ? DEFINITIONS_PREFIX + ref.substring(Json.SCHEMA_REF_PREFIX.length())
        : ref;
  }

  private void addMissingDefinitions() {
    Set<String> referenced = new LinkedHashSet<>();
    paths.values().forEach(p -> collectRefs(p, referenced));
    definitions.values().forEach(d -> collectRefs(d, referenced));
    for (String name : referenced) {
      definitions.computeIfAbsent(
          name,
          n ->
              Json.object()
                  .put("description", n.substring(n.lastIndexOf('.') + 1) + " (any object)")
                  .put("type", "object"));
    }
  }

  private static void collectRefs(JsonNode node, Set<String> into) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual() && ref.textValue().startsWith(DEFINITIONS_PREFIX)) {
        into.add(ref.textValue().substring(DEFINITIONS_PREFIX.length()));
      }
    }
    if (node.isContainerNode()) {
      node.forEach(child -> collectRefs(child, into));
    }
  }
}
