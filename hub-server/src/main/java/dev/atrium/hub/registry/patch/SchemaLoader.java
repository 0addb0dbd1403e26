package dev.atrium.hub.registry.patch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the Swagger 2.0 {@code definitions} of {@code openshift-generated.json} one definition at
 * a time and keeps only the patch-relevant parts of each (see {@link SchemaShape}).
 */
final class SchemaLoader {

  static final String RESOURCE = "openshift-generated.json";
  private static final String REF_PREFIX = "#/definitions/";
  private static final String CORE_API_PREFIX = "io.k8s.api.";

  /** A group/version/kind triple; the core group is the empty string. */
  record Gvk(String group, String version, String kind) {}

  /** The loaded document: definitions by name, and the definition name of each kind. */
  record Loaded(Map<String, SchemaShape> definitions, Map<Gvk, String> kinds) {}

  private final Map<String, SchemaShape> definitions = new HashMap<>();
  private final Map<Gvk, String> kinds = new HashMap<>();

  private SchemaLoader() {}

  static Loaded loadResource() {
    ClassLoader loader = SchemaLoader.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is not on the class path");
      }
      return load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static Loaded load(InputStream in) throws IOException {
    SchemaLoader loader = new SchemaLoader();
    try (JsonParser parser = new ObjectMapper().createParser(in)) {
      loader.readDocument(parser);
    }
    return new Loaded(Map.copyOf(loader.definitions), Map.copyOf(loader.kinds));
  }

  private void readDocument(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException(RESOURCE + " is not a JSON object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if ("definitions".equals(name)) {
        readDefinitions(parser);
      } else {
        parser.skipChildren();
      }
    }
  }

  private void readDefinitions(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      JsonNode definition = parser.readValueAsTree();
      definitions.put(name, shape(definition));
      for (Gvk gvk : gvks(name, definition)) {
        kinds.putIfAbsent(gvk, name);
      }
    }
  }

  static SchemaShape shape(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    return new SchemaShape(
        ref(node),
        text(node, "type"),
        properties(node.get("properties")),
        shape(node.get("items")),
        shape(node.get("additionalProperties")),
        text(node, "x-kubernetes-patch-strategy"),
        text(node, "x-kubernetes-patch-merge-key"),
        text(node, "x-kubernetes-list-type"),
        strings(node.get("x-kubernetes-list-map-keys")));
  }

  private static Map<String, SchemaShape> properties(JsonNode node) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      return Map.of();
    }
    Map<String, SchemaShape> result = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e -> {
              SchemaShape shape = shape(e.getValue());
              if (shape != null) {
                result.put(e.getKey(), shape);
              }
            });
    return Map.copyOf(result);
  }

  private static String ref(JsonNode node) {
    String ref = text(node, "$ref");
    if (ref == null) {
      return null;
    }
    return ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : ref;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static List<String> strings(JsonNode node) {
    if (node == null || !node.isArray()) {
      return List.of();
    }
    List<String> result = new ArrayList<>();
    node.forEach(n -> result.add(n.asText()));
    return List.copyOf(result);
  }

  /** The kinds a definition stands for: declared ones first, else fabric8's own annotation. */
  static List<Gvk> gvks(String name, JsonNode definition) {
    List<Gvk> result = new ArrayList<>();
    JsonNode declared = definition.get("x-kubernetes-group-version-kind");
    if (declared != null && declared.isArray()) {
      declared.forEach(
          g ->
              result.add(new Gvk(g.path("group").asText(), g.path("version").asText(), kindOf(g))));
    }
    JsonNode info = definition.get("x-fabric8-info");
    if (result.isEmpty() && info != null && "object".equals(info.path("Type").asText())) {
      String group = groupOf(name, info.path("Group").asText());
      result.add(new Gvk(group, info.path("Version").asText(), info.path("Kind").asText()));
    }
    return result;
  }

  private static String kindOf(JsonNode gvk) {
    return gvk.path("kind").asText();
  }

  /**
   * fabric8 leaves the group empty for single-word API groups (apps, batch, ...); those are
   * recovered from the definition name {@code io.k8s.api.<group>.<version>.<Kind>}.
   */
  static String groupOf(String definitionName, String declaredGroup) {
    if (!declaredGroup.isEmpty() || !definitionName.startsWith(CORE_API_PREFIX)) {
      return declaredGroup;
    }
    String rest = definitionName.substring(CORE_API_PREFIX.length());
    int dot = rest.indexOf('.');
    String pkg = dot < 0 ? rest : rest.substring(0, dot);
    return "core".equals(pkg) ? "" : pkg;
  }
}
