package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.api.codec.BodyCodec;
import dev.atrium.hub.registry.patch.JsonMergePatch;
import dev.atrium.hub.registry.patch.JsonPatch;
import dev.atrium.hub.registry.patch.PatchSchema;
import dev.atrium.hub.registry.patch.StrategicMergePatch;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.ResourceType;
import java.util.function.UnaryOperator;

/** Turns a PATCH body of a given content type into a function over the current object. */
final class Patches {

  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String STRATEGIC = "application/strategic-merge-patch+json";
  static final String APPLY = "application/apply-patch+yaml";

  private Patches() {}

  static UnaryOperator<ObjectNode> of(ResourceType type, String contentType, byte[] body) {
    String media = BodyCodec.mediaType(contentType);
    switch (media) {
      case JSON_PATCH:
        JsonNode ops = BodyCodec.parseJson(body);
        return current -> asObject(JsonPatch.apply(current, ops));
      case MERGE_PATCH:
        JsonNode merge = BodyCodec.parseJson(body);
        return current -> asObject(JsonMergePatch.apply(current, merge));
      case STRATEGIC:
        return strategic(type, BodyCodec.parseJson(body));
      default:
        throw new ApiException(
            415,
            "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: "
                + JSON_PATCH
                + ", "
                + MERGE_PATCH
                + ", "
                + STRATEGIC
                + ", "
                + APPLY,
            null);
    }
  }

  /** True for a server-side apply body ({@link ApplyPatch} handles those). */
  static boolean isApply(String contentType) {
    return contentType != null && APPLY.equals(BodyCodec.mediaType(contentType));
  }

  private static UnaryOperator<ObjectNode> strategic(ResourceType type, JsonNode patch) {
    if (!patch.isObject()) {
      throw ApiException.badRequest("strategic merge patch must be a JSON object");
    }
    PatchSchema.Node schema =
        PatchSchema.forKind(type.group(), type.version(), type.kind())
            .orElseThrow(
                () ->
                    new ApiException(
                        415,
                        "UnsupportedMediaType",
                        "strategic merge patch format is not supported",
                        null));
    return current -> StrategicMergePatch.apply(current, (ObjectNode) patch, schema);
  }

  private static ObjectNode asObject(JsonNode node) {
    if (!node.isObject()) {
      throw ApiException.badRequest("the patched object is not a JSON object");
    }
    return (ObjectNode) node;
  }
}
