package dev.atrium.hub.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.crd.CrdVersion;
import dev.atrium.hub.registry.crd.CustomResources;
import dev.atrium.hub.registry.patch.PatchSchema;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.ResourceType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code fieldValidation} query parameter: fields not declared in a built-in kind's schema, or
 * pruned by a custom resource's structural schema, are rejected (Strict, 400), reported as warnings
 * (Warn, the default; custom resources are then stored pruned) or ignored (Ignore).
 */
final class FieldValidation {

  private FieldValidation() {}

  static String mode(Query query) {
    String mode = query.get("fieldValidation", "Warn");
    if (!mode.equals("Strict") && !mode.equals("Warn") && !mode.equals("Ignore")) {
      throw ApiException.badRequest(
          "fieldValidation parameter unsupported: "
              + mode
              + " (must be one of Ignore, Warn, Strict)");
    }
    return mode;
  }

  /** Checks {@code object} and applies the mode; returns it unchanged. */
  static ObjectNode check(ApiRequest req, ObjectNode object) {
    String mode = mode(req.query());
    if (mode.equals("Ignore")) {
      return object;
    }
    List<String> unknown = new ArrayList<>();
    if (!unknownFields(req, object, unknown)) {
      return object;
    }
    duplicate(req).ifPresent(unknown::add);
    if (unknown.isEmpty()) {
      return object;
    }
    if (mode.equals("Strict")) {
      StringBuilder message = new StringBuilder("strict decoding error: ");
      for (int i = 0; i < unknown.size(); i++) {
        message.append(i > 0 ? ", " : "").append(describe(unknown.get(i)));
      }
      throw ApiException.badRequest(message.toString());
    }
    for (String field : unknown) {
      req.ctx()
          .response()
          .headers()
          .add("Warning", "299 - \"" + describe(field).replace("\"", "\\\"") + "\"");
    }
    return object;
  }

  /**
   * Adds the unknown fields of {@code object} to {@code unknown}: those a custom resource's
   * structural schema prunes, or those a built-in kind's schema does not declare. False when there
   * is no schema to check against.
   */
  private static boolean unknownFields(ApiRequest req, ObjectNode object, List<String> unknown) {
    ResourceType type = req.type();
    Optional<CrdVersion> crd = CustomResources.version(req.cluster(), type);
    if (crd.isPresent()) {
      unknown.addAll(crd.get().schema().unknownFields(object));
      return true;
    }
    Optional<PatchSchema.Node> schema =
        PatchSchema.forKind(type.group(), type.version(), type.kind());
    schema.ifPresent(s -> walk(s, object, "", unknown));
    return schema.isPresent();
  }

  private static final String DUPLICATE = "duplicate:";
  private static final JsonFactory STRICT_JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static String describe(String finding) {
    return finding.startsWith(DUPLICATE)
        ? "duplicate field \"" + finding.substring(DUPLICATE.length()) + "\""
        : "unknown field \"" + finding + "\"";
  }

  /** The first duplicated key of a JSON request body (Jackson keeps the last value silently). */
  private static Optional<String> duplicate(ApiRequest req) {
    byte[] body = req.body();
    if (body.length == 0
        || !"application/json"
            .equals(dev.atrium.hub.api.codec.BodyCodec.mediaType(req.contentType()))) {
      return Optional.empty();
    }
    try (JsonParser parser = STRICT_JSON.createParser(body)) {
      while (parser.nextToken() != null) {
        parser.skipChildren();
      }
      return Optional.empty();
    } catch (JsonParseException e) {
      String message = e.getOriginalMessage();
      int start = message.indexOf('\'');
      int end = message.indexOf('\'', start + 1);
      return start >= 0 && end > start && message.startsWith("Duplicate field")
          ? Optional.of(DUPLICATE + message.substring(start + 1, end))
          : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  private static void walk(
      PatchSchema.Node node, JsonNode value, String path, List<String> unknown) {
    if (!node.isKnown()) {
      return;
    }
    if (value.isArray() && node.isList()) {
      int i = 0;
      for (JsonNode item : value) {
        walk(node.items(), item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (!value.isObject() || !node.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      PatchSchema.Node child = node.field(field.getKey());
      if (!child.isKnown()) {
        unknown.add(childPath);
      } else {
        walk(child, field.getValue(), childPath, unknown);
      }
    }
  }
}
