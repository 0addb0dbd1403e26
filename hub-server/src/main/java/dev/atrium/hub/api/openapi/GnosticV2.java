package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Encodes a Swagger 2.0 document as the protobuf message {@code openapi.v2.Document} of gnostic
 * ({@code github.com/google/gnostic-models/openapiv2/OpenAPIv2.proto}), the form kube-apiserver
 * serves for {@code Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf} and kubectl
 * 1.27/1.28 read for apply, diff, edit, explain and field validation.
 *
 * <p>The field numbers below are those of that proto file. Values gnostic keeps as {@code Any}
 * (defaults, enums, examples, vendor extensions) carry their value as YAML text; JSON is YAML, so
 * the compact JSON of the value is written, which every YAML reader turns back into the same value.
 */
final class GnosticV2 {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GnosticV2() {}

  static byte[] encode(JsonNode swagger) {
    return document(swagger).toByteArray();
  }

  private static ProtoWriter document(JsonNode doc) {
    ProtoWriter w = new ProtoWriter();
    w.string(1, doc.path("swagger").asText(""));
    if (doc.has("info")) {
      w.message(2, info(doc.get("info")));
    }
    w.string(3, doc.path("host").asText(""));
    w.string(4, doc.path("basePath").asText(""));
    strings(w, 5, doc.path("schemes"));
    strings(w, 6, doc.path("consumes"));
    strings(w, 7, doc.path("produces"));
    if (doc.has("paths")) {
      w.message(8, paths(doc.get("paths")));
    }
    if (doc.has("definitions")) {
      ProtoWriter definitions = new ProtoWriter();
      doc.get("definitions").fields().forEachRemaining(d -> definitions.message(1, named(d)));
      w.message(9, definitions);
    }
    for (JsonNode requirement : doc.path("security")) {
      ProtoWriter r = new ProtoWriter();
      requirement
          .fields()
          .forEachRemaining(
              e -> {
                ProtoWriter array = new ProtoWriter();
                strings(array, 1, e.getValue());
                r.message(1, new ProtoWriter().string(1, e.getKey()).message(2, array));
              });
      w.message(12, r);
    }
    if (doc.has("securityDefinitions")) {
      ProtoWriter definitions = new ProtoWriter();
      doc.get("securityDefinitions")
          .fields()
          .forEachRemaining(
              e ->
                  definitions.message(
                      1,
                      new ProtoWriter()
                          .string(1, e.getKey())
                          .message(2, securityDefinition(e.getValue()))));
      w.message(13, definitions);
    }
    extensions(w, 16, doc);
    return w;
  }

  private static ProtoWriter info(JsonNode info) {
    ProtoWriter w = new ProtoWriter();
    w.string(1, info.path("title").asText(""));
    w.string(2, info.path("version").asText(""));
    w.string(3, info.path("description").asText(""));
    w.string(4, info.path("termsOfService").asText(""));
    extensions(w, 7, info);
    return w;
  }

  /** Only API keys (the bearer token) are published; other kinds are left out. */
  private static ProtoWriter securityDefinition(JsonNode definition) {
    ProtoWriter item = new ProtoWriter();
    if (definition.path("type").asText().equals("apiKey")) {
      ProtoWriter key = new ProtoWriter();
      key.string(1, "apiKey");
      key.string(2, definition.path("name").asText(""));
      key.string(3, definition.path("in").asText(""));
      key.string(4, definition.path("description").asText(""));
      extensions(key, 5, definition);
      item.message(2, key);
    }
    return item;
  }

  // ---- paths and operations -------------------------------------------------------------------

  private static ProtoWriter paths(JsonNode paths) {
    ProtoWriter w = new ProtoWriter();
    extensions(w, 1, paths);
    paths
        .fields()
        .forEachRemaining(
            p -> {
              if (p.getKey().startsWith("/")) {
                w.message(
                    2, new ProtoWriter().string(1, p.getKey()).message(2, pathItem(p.getValue())));
              }
            });
    return w;
  }

  private static ProtoWriter pathItem(JsonNode item) {
    ProtoWriter w = new ProtoWriter();
    w.string(1, item.path("$ref").asText(""));
    String[] methods = {"get", "put", "post", "delete", "options", "head", "patch"};
    for (int i = 0; i < methods.length; i++) {
      if (item.has(methods[i])) {
        w.message(2 + i, operation(item.get(methods[i])));
      }
    }
    for (JsonNode p : item.path("parameters")) {
      w.message(9, parametersItem(p));
    }
    extensions(w, 10, item);
    return w;
  }

  private static ProtoWriter operation(JsonNode op) {
    ProtoWriter w = new ProtoWriter();
    strings(w, 1, op.path("tags"));
    w.string(2, op.path("summary").asText(""));
    w.string(3, op.path("description").asText(""));
    if (op.has("externalDocs")) {
      w.message(4, externalDocs(op.get("externalDocs")));
    }
    w.string(5, op.path("operationId").asText(""));
    strings(w, 6, op.path("produces"));
    strings(w, 7, op.path("consumes"));
    for (JsonNode p : op.path("parameters")) {
      w.message(8, parametersItem(p));
    }
    if (op.has("responses")) {
      w.message(9, responses(op.get("responses")));
    }
    strings(w, 10, op.path("schemes"));
    w.bool(11, op.path("deprecated").asBoolean(false));
    extensions(w, 13, op);
    return w;
  }

  private static ProtoWriter parametersItem(JsonNode p) {
    ProtoWriter item = new ProtoWriter();
    if (p.has("$ref")) {
      ProtoWriter ref = new ProtoWriter().string(1, p.get("$ref").asText());
      ref.string(2, p.path("description").asText(""));
      return item.message(2, ref);
    }
    ProtoWriter parameter = new ProtoWriter();
    String in = p.path("in").asText("");
    if (in.equals("body")) {
      ProtoWriter body = new ProtoWriter();
      body.string(1, p.path("description").asText(""));
      body.string(2, p.path("name").asText(""));
      body.string(3, in);
      body.bool(4, p.path("required").asBoolean(false));
      if (p.has("schema")) {
        body.message(5, schema(p.get("schema")));
      }
      extensions(body, 6, p);
      parameter.message(1, body);
    } else {
      int which =
          switch (in) {
            case "header" -> 1;
            case "formData" -> 2;
            case "path" -> 4;
            default -> 3;
          };
      boolean queryLike = which == 2 || which == 3;
      ProtoWriter sub = new ProtoWriter();
      sub.bool(1, p.path("required").asBoolean(false));
      sub.string(2, in);
      sub.string(3, p.path("description").asText(""));
      sub.string(4, p.path("name").asText(""));
      if (queryLike) {
        sub.bool(5, p.path("allowEmptyValue").asBoolean(false));
      }
      primitive(sub, queryLike ? 6 : 5, p);
      parameter.message(2, new ProtoWriter().message(which, sub));
    }
    return item.message(1, parameter);
  }

  /**
   * The fields non-body parameters and their items share, in the same order in every message
   * ({@code type} first at {@code base}, vendor extensions last).
   */
  private static void primitive(ProtoWriter w, int base, JsonNode p) {
    w.string(base, p.path("type").asText(""));
    w.string(base + 1, p.path("format").asText(""));
    if (p.has("items")) {
      ProtoWriter items = new ProtoWriter();
      primitive(items, 1, p.get("items"));
      w.message(base + 2, items);
    }
    w.string(base + 3, p.path("collectionFormat").asText(""));
    if (p.has("default")) {
      w.message(base + 4, any(p.get("default")));
    }
    w.float64(base + 5, p.path("maximum").asDouble(0));
    w.bool(base + 6, p.path("exclusiveMaximum").asBoolean(false));
    w.float64(base + 7, p.path("minimum").asDouble(0));
    w.bool(base + 8, p.path("exclusiveMinimum").asBoolean(false));
    w.int64(base + 9, p.path("maxLength").asLong(0));
    w.int64(base + 10, p.path("minLength").asLong(0));
    w.string(base + 11, p.path("pattern").asText(""));
    w.int64(base + 12, p.path("maxItems").asLong(0));
    w.int64(base + 13, p.path("minItems").asLong(0));
    w.bool(base + 14, p.path("uniqueItems").asBoolean(false));
    for (JsonNode value : p.path("enum")) {
      w.message(base + 15, any(value));
    }
    w.float64(base + 16, p.path("multipleOf").asDouble(0));
    extensions(w, base + 17, p);
  }

  private static ProtoWriter responses(JsonNode responses) {
    ProtoWriter w = new ProtoWriter();
    responses
        .fields()
        .forEachRemaining(
            r -> {
              if (r.getKey().startsWith("x-")) {
                return;
              }
              ProtoWriter value = new ProtoWriter();
              if (r.getValue().has("$ref")) {
                value.message(2, new ProtoWriter().string(1, r.getValue().get("$ref").asText()));
              } else {
                value.message(1, response(r.getValue()));
              }
              w.message(1, new ProtoWriter().string(1, r.getKey()).message(2, value));
            });
    extensions(w, 2, responses);
    return w;
  }

  private static ProtoWriter response(JsonNode response) {
    ProtoWriter w = new ProtoWriter();
    w.string(1, response.path("description").asText(""));
    if (response.has("schema")) {
      w.message(2, new ProtoWriter().message(1, schema(response.get("schema"))));
    }
    extensions(w, 5, response);
    return w;
  }

  // ---- schemas --------------------------------------------------------------------------------

  private static ProtoWriter named(Map.Entry<String, JsonNode> entry) {
    return new ProtoWriter().string(1, entry.getKey()).message(2, schema(entry.getValue()));
  }

  static ProtoWriter schema(JsonNode s) {
    ProtoWriter w = new ProtoWriter();
    w.string(1, s.path("$ref").asText(""));
    w.string(2, s.path("format").asText(""));
    w.string(3, s.path("title").asText(""));
    w.string(4, s.path("description").asText(""));
    if (s.has("default")) {
      w.message(5, any(s.get("default")));
    }
    w.float64(6, s.path("multipleOf").asDouble(0));
    w.float64(7, s.path("maximum").asDouble(0));
    w.bool(8, s.path("exclusiveMaximum").asBoolean(false));
    w.float64(9, s.path("minimum").asDouble(0));
    w.bool(10, s.path("exclusiveMinimum").asBoolean(false));
    w.int64(11, s.path("maxLength").asLong(0));
    w.int64(12, s.path("minLength").asLong(0));
    w.string(13, s.path("pattern").asText(""));
    w.int64(14, s.path("maxItems").asLong(0));
    w.int64(15, s.path("minItems").asLong(0));
    w.bool(16, s.path("uniqueItems").asBoolean(false));
    w.int64(17, s.path("maxProperties").asLong(0));
    w.int64(18, s.path("minProperties").asLong(0));
    strings(w, 19, s.path("required"));
    for (JsonNode value : s.path("enum")) {
      w.message(20, any(value));
    }
    JsonNode additional = s.get("additionalProperties");
    if (additional != null) {
      ProtoWriter item = new ProtoWriter();
      if (additional.isBoolean()) {
        item.boolAlways(2, additional.booleanValue());
      } else {
        item.message(1, schema(additional));
      }
      w.message(21, item);
    }
    JsonNode type = s.get("type");
    if (type != null) {
      ProtoWriter typeItem = new ProtoWriter();
      if (type.isArray()) {
        strings(typeItem, 1, type);
      } else {
        typeItem.stringAlways(1, type.asText());
      }
      w.message(22, typeItem);
    }
    JsonNode items = s.get("items");
    if (items != null) {
      ProtoWriter itemsItem = new ProtoWriter();
      if (items.isArray()) {
        items.forEach(i -> itemsItem.message(1, schema(i)));
      } else {
        itemsItem.message(1, schema(items));
      }
      w.message(23, itemsItem);
    }
    for (JsonNode all : s.path("allOf")) {
      w.message(24, schema(all));
    }
    JsonNode properties = s.get("properties");
    if (properties != null) {
      ProtoWriter props = new ProtoWriter();
      properties.fields().forEachRemaining(p -> props.message(1, named(p)));
      w.message(25, props);
    }
    w.string(26, s.path("discriminator").asText(""));
    w.bool(27, s.path("readOnly").asBoolean(false));
    if (s.has("xml")) {
      JsonNode xml = s.get("xml");
      ProtoWriter x = new ProtoWriter();
      x.string(1, xml.path("name").asText(""));
      x.string(2, xml.path("namespace").asText(""));
      x.string(3, xml.path("prefix").asText(""));
      x.bool(4, xml.path("attribute").asBoolean(false));
      x.bool(5, xml.path("wrapped").asBoolean(false));
      extensions(x, 6, xml);
      w.message(28, x);
    }
    if (s.has("externalDocs")) {
      w.message(29, externalDocs(s.get("externalDocs")));
    }
    if (s.has("example")) {
      w.message(30, any(s.get("example")));
    }
    extensions(w, 31, s);
    return w;
  }

  private static ProtoWriter externalDocs(JsonNode docs) {
    ProtoWriter w = new ProtoWriter();
    w.string(1, docs.path("description").asText(""));
    w.string(2, docs.path("url").asText(""));
    extensions(w, 3, docs);
    return w;
  }

  // ---- shared ---------------------------------------------------------------------------------

  /** The {@code x-} fields of {@code node} as repeated {@code NamedAny} in field {@code field}. */
  private static void extensions(ProtoWriter w, int field, JsonNode node) {
    node.fields()
        .forEachRemaining(
            f -> {
              if (f.getKey().startsWith("x-")) {
                w.message(
                    field, new ProtoWriter().string(1, f.getKey()).message(2, any(f.getValue())));
              }
            });
  }

  /** {@code openapi.v2.Any} with its {@code yaml} (field 2) set. */
  static ProtoWriter any(JsonNode value) {
    return new ProtoWriter().string(2, yaml(value));
  }

  static String yaml(JsonNode value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value, e);
    }
  }

  private static void strings(ProtoWriter w, int field, JsonNode values) {
    for (JsonNode value : values) {
      w.stringAlways(field, value.asText());
    }
  }
}
