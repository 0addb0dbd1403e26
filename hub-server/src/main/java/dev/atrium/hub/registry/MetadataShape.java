package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.crd.CustomResources;
import dev.atrium.hub.registry.crd.schema.SchemaPropsShape;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.ResourceType;
import java.util.Map;

/**
 * The one check of the JSON shape of what a write asks to store, before anything reads it (system
 * metadata, managed fields, strategies): the body is an object; {@code apiVersion} and {@code kind}
 * are strings; {@code metadata} is an object whose fields have the types of {@code ObjectMeta}
 * (strings, string maps, string lists, owner references, managed field entries); {@code spec} and
 * {@code status} of built-in kinds are objects (a custom resource's schema decides its own); no
 * string or key holds a NUL character (PostgreSQL's jsonb cannot store one). A null {@code
 * metadata} or metadata field stands for an absent one, as in Kubernetes, and is removed.
 *
 * <p>A mismatch is a 400 BadRequest, as kube-apiserver answers a body it cannot decode into the
 * kind's type, naming the field and the type it found.
 */
public final class MetadataShape {

  private enum Shape {
    STRING("a string"),
    INTEGER("an integer"),
    BOOLEAN("a boolean"),
    OBJECT("an object"),
    OBJECT_LIST("a list of objects"),
    STRING_MAP("an object of strings"),
    STRING_LIST("a list of strings"),
    OWNER_REFERENCES("a list of owner references"),
    MANAGED_FIELDS("a list of managed field entries");

    final String description;

    Shape(String description) {
      this.description = description;
    }
  }

  private static final Map<String, Shape> META =
      Map.ofEntries(
          Map.entry("name", Shape.STRING),
          Map.entry("generateName", Shape.STRING),
          Map.entry("namespace", Shape.STRING),
          Map.entry("selfLink", Shape.STRING),
          Map.entry("uid", Shape.STRING),
          Map.entry("resourceVersion", Shape.STRING),
          Map.entry("creationTimestamp", Shape.STRING),
          Map.entry("deletionTimestamp", Shape.STRING),
          Map.entry("deletionGracePeriodSeconds", Shape.INTEGER),
          Map.entry("generation", Shape.INTEGER),
          Map.entry("labels", Shape.STRING_MAP),
          Map.entry("annotations", Shape.STRING_MAP),
          Map.entry("finalizers", Shape.STRING_LIST),
          Map.entry("ownerReferences", Shape.OWNER_REFERENCES),
          Map.entry("managedFields", Shape.MANAGED_FIELDS));

  private static final Map<String, Shape> OWNER_REFERENCE =
      Map.of(
          "apiVersion", Shape.STRING,
          "kind", Shape.STRING,
          "name", Shape.STRING,
          "uid", Shape.STRING,
          "controller", Shape.BOOLEAN,
          "blockOwnerDeletion", Shape.BOOLEAN);

  private static final Map<String, Shape> MANAGED_FIELDS_ENTRY =
      Map.of(
          "manager", Shape.STRING,
          "operation", Shape.STRING,
          "apiVersion", Shape.STRING,
          "time", Shape.STRING,
          "fieldsType", Shape.STRING,
          "fieldsV1", Shape.OBJECT,
          "subresource", Shape.STRING);

  /**
   * Typed fields outside metadata that strategies read, per resource ("group/plural"), by dotted
   * path under the object.
   */
  private static final Map<String, Map<String, Shape>> TYPED =
      Map.of(
          "apiextensions.k8s.io/customresourcedefinitions",
          Map.of(
              "spec.names", Shape.OBJECT,
              "spec.conversion", Shape.OBJECT,
              "spec.versions", Shape.OBJECT_LIST,
              "status.acceptedNames", Shape.OBJECT,
              "status.conditions", Shape.OBJECT_LIST,
              "status.storedVersions", Shape.STRING_LIST),
          "/namespaces",
          Map.of("spec.finalizers", Shape.STRING_LIST));

  private MetadataShape() {}

  /** Fails with a 400 unless {@code body} has the shape described above. */
  public static ObjectNode check(ResourceType type, JsonNode body) {
    if (!(body instanceof ObjectNode object)) {
      throw mismatch(type, "", "an object", body);
    }
    field(type, object, "apiVersion", "apiVersion", Shape.STRING);
    field(type, object, "kind", "kind", Shape.STRING);
    JsonNode meta = object.get("metadata");
    if (meta != null && meta.isNull()) {
      object.remove("metadata");
    } else if (meta != null) {
      if (!(meta instanceof ObjectNode metadata)) {
        throw mismatch(type, "metadata", "an object", meta);
      }
      for (Map.Entry<String, Shape> f : META.entrySet()) {
        JsonNode value = metadata.get(f.getKey());
        if (value != null && value.isNull()) {
          metadata.remove(f.getKey());
        }
        field(type, metadata, f.getKey(), "metadata." + f.getKey(), f.getValue());
      }
    }
    if (!CustomResources.isCustom(type)) {
      field(type, object, "spec", "spec", Shape.OBJECT);
      field(type, object, "status", "status", Shape.OBJECT);
    }
    Map<String, Shape> typed = TYPED.get(type.group() + "/" + type.plural());
    if (typed != null) {
      for (Map.Entry<String, Shape> f : typed.entrySet()) {
        String path = f.getKey();
        int dot = path.lastIndexOf('.');
        JsonNode parent = object.at("/" + path.substring(0, dot).replace('.', '/'));
        if (parent instanceof ObjectNode p) {
          field(type, p, path.substring(dot + 1), path, f.getValue());
        }
      }
    }
    if (type.group().equals("apiextensions.k8s.io")
        && type.plural().equals("customresourcedefinitions")) {
      schemas(type, object);
    }
    FieldBudget.check(type, object);
    String nul = nulAt(object, "");
    if (nul != null) {
      throw ApiException.badRequest(
          type.kind()
              + " in version \""
              + type.version()
              + "\" cannot be handled as a "
              + type.kind()
              + ": "
              + (nul.isEmpty() ? "the body" : nul)
              + " contains a NUL character (\\u0000), which cannot be stored");
    }
    return object;
  }

  /** Each version's {@code schema.openAPIV3Schema} has the JSON types of JSONSchemaProps. */
  private static void schemas(ResourceType type, ObjectNode crd) {
    JsonNode versions = crd.path("spec").path("versions");
    for (int i = 0; i < versions.size(); i++) {
      String at = "spec.versions[" + i + "]";
      JsonNode schema = versions.get(i).path("schema");
      if (schema.isMissingNode() || schema.isNull()) {
        continue;
      }
      if (!schema.isObject()) {
        throw mismatch(type, at + ".schema", "an object", schema);
      }
      JsonNode props = schema.get("openAPIV3Schema");
      if (props != null && !props.isNull()) {
        String found = SchemaPropsShape.mismatch(props, at + ".schema.openAPIV3Schema");
        if (found != null) {
          throw ApiException.badRequest(
              type.kind()
                  + " in version \""
                  + type.version()
                  + "\" cannot be handled as a "
                  + type.kind()
                  + ": "
                  + found);
        }
      }
    }
  }

  /** The path of the first string or key with a NUL character under {@code node}, or null. */
  private static String nulAt(JsonNode node, String path) {
    if (node.isTextual()) {
      return node.textValue().indexOf('\u0000') >= 0 ? path : null;
    }
    if (node.isObject()) {
      for (var it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (e.getKey().indexOf('\u0000') >= 0) {
          return at;
        }
        String found = nulAt(e.getValue(), at);
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = nulAt(node.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static void field(
      ResourceType type, ObjectNode parent, String name, String path, Shape shape) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      return;
    }
    switch (shape) {
      case STRING -> require(type, path, shape, value, value.isTextual());
      case INTEGER ->
          require(type, path, shape, value, value.isIntegralNumber() && value.canConvertToLong());
      case BOOLEAN -> require(type, path, shape, value, value.isBoolean());
      case OBJECT -> require(type, path, shape, value, value.isObject());
      case OBJECT_LIST -> {
        require(type, path, shape, value, value.isArray());
        for (int i = 0; i < value.size(); i++) {
          require(type, path + "[" + i + "]", Shape.OBJECT, value.get(i), value.get(i).isObject());
        }
      }
      case STRING_MAP -> {
        require(type, path, shape, value, value.isObject());
        for (var it = value.fields(); it.hasNext(); ) {
          var e = it.next();
          require(
              type, path + "." + e.getKey(), Shape.STRING, e.getValue(), e.getValue().isTextual());
        }
      }
      case STRING_LIST -> {
        require(type, path, shape, value, value.isArray());
        for (int i = 0; i < value.size(); i++) {
          require(type, path + "[" + i + "]", Shape.STRING, value.get(i), value.get(i).isTextual());
        }
      }
      case OWNER_REFERENCES -> entries(type, path, shape, value, OWNER_REFERENCE);
      case MANAGED_FIELDS -> entries(type, path, shape, value, MANAGED_FIELDS_ENTRY);
      default -> throw new IllegalStateException(shape.toString());
    }
  }

  private static void entries(
      ResourceType type, String path, Shape shape, JsonNode value, Map<String, Shape> fields) {
    require(type, path, shape, value, value.isArray());
    for (int i = 0; i < value.size(); i++) {
      String at = path + "[" + i + "]";
      if (!(value.get(i) instanceof ObjectNode entry)) {
        throw mismatch(type, at, "an object", value.get(i));
      }
      for (Map.Entry<String, Shape> f : fields.entrySet()) {
        field(type, entry, f.getKey(), at + "." + f.getKey(), f.getValue());
      }
    }
  }

  private static void require(
      ResourceType type, String path, Shape shape, JsonNode value, boolean ok) {
    if (!ok) {
      throw mismatch(type, path, shape.description, value);
    }
  }

  private static ApiException mismatch(
      ResourceType type, String path, String expected, JsonNode value) {
    String where = path.isEmpty() ? "the body" : path;
    return ApiException.badRequest(
        type.kind()
            + " in version \""
            + type.version()
            + "\" cannot be handled as a "
            + type.kind()
            + ": "
            + where
            + " must be "
            + expected
            + ", not "
            + describe(value));
  }

  private static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "missing";
    }
    return switch (value.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> value.isIntegralNumber() ? "an integer" : "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
