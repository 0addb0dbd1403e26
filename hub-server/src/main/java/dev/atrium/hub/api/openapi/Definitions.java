package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Kubernetes definitions of {@code openshift-generated.json} (artifact {@code
 * io.fabric8:kubernetes-model-validator}), already in OpenAPI 3 form. The file is streamed one
 * definition at a time and only the {@code io.k8s.*} definitions are kept.
 */
final class Definitions {

  static final String RESOURCE = "openshift-generated.json";
  private static final String KEPT_PREFIX = "io.k8s.";

  /**
   * One converted definition.
   *
   * @param schema the OpenAPI 3 schema, never modified once loaded
   * @param refs the definitions it refers to directly
   * @param gvk the kind it is the schema of, null for nested types
   */
  record Definition(JsonNode schema, Set<String> refs, Gvk gvk) {}

  private final Map<String, Definition> byName;
  private final Map<Gvk, String> byKind;

  private Definitions(Map<String, Definition> byName, Map<Gvk, String> byKind) {
    this.byName = byName;
    this.byKind = byKind;
  }

  Optional<Definition> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The definition name of a built-in kind. */
  Optional<String> kind(Gvk gvk) {
    return Optional.ofNullable(byKind.get(gvk));
  }

  int size() {
    return byName.size();
  }

  static Definitions loadResource() {
    try (InputStream in = Definitions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is not on the class path");
      }
      return load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static Definitions load(InputStream in) throws IOException {
    Map<String, Definition> byName = new HashMap<>();
    Map<Gvk, String> byKind = new HashMap<>();
    try (JsonParser parser = new ObjectMapper().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(RESOURCE + " is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("definitions")) {
          readDefinitions(parser, byName, byKind);
        } else {
          parser.skipChildren();
        }
      }
    }
    return new Definitions(Map.copyOf(byName), Map.copyOf(byKind));
  }

  private static void readDefinitions(
      JsonParser parser, Map<String, Definition> byName, Map<Gvk, String> byKind)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (!name.startsWith(KEPT_PREFIX)) {
        parser.skipChildren();
        continue;
      }
      Definition definition = convert(name, parser.readValueAsTree());
      byName.put(name, definition);
      if (definition.gvk() != null) {
        byKind.put(definition.gvk(), name);
      }
    }
  }

  private static Definition convert(String name, JsonNode swagger) {
    JsonNode schema = SchemaConverter.convert(swagger);
    Set<String> refs = new LinkedHashSet<>();
    SchemaConverter.collectRefs(schema, refs);
    return new Definition(schema, Set.copyOf(refs), isKind(name, swagger) ? gvk(name) : null);
  }

  /** Top-level kinds and their lists; fabric8 marks them, nested types are "nested". */
  private static boolean isKind(String name, JsonNode swagger) {
    String type = swagger.path("x-fabric8-info").path("Type").asText("");
    return type.equals("object") || type.equals("list") || name.endsWith(".meta.v1.Status");
  }

  private static Gvk gvk(String name) {
    return ApiGroups.gvkOf(name).orElse(null);
  }
}
