package dev.atrium.hub.registry.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * RFC 7386 JSON merge patch ({@code application/merge-patch+json}): objects merge recursively,
 * {@code null} removes a member, anything else (lists included) replaces. Inputs are not changed.
 */
public final class JsonMergePatch {

  private JsonMergePatch() {}

  /**
   * Applies {@code patch} to {@code target} (either may be null) and returns a new tree; a
   * non-object patch replaces the whole target.
   */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch == null) {
      return NullNode.getInstance();
    }
    return merge(target == null ? null : target.deepCopy(), patch);
  }

  /** Merges into {@code current}, which this class owns and may change. */
  private static JsonNode merge(JsonNode current, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        current != null && current.isObject()
            ? (ObjectNode) current
            : JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (field.getValue().isNull()) {
        result.remove(name);
      } else {
        result.set(name, merge(result.get(name), field.getValue()));
      }
    }
    return result;
  }
}
