package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.ResourceType;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The bound on the field-set work of one write: an object may hold at most {@link #MAX_FIELDS}
 * fields and list items (every object member and array element, at any depth). Managed fields,
 * server-side apply and the comparison of old and new state all walk every field, several times;
 * the bound keeps that work to a few hundred milliseconds on one worker thread, where a body of 3
 * MiB could otherwise carry half a million fields. The count stops at the bound, so checking is
 * cheap. Over it, the write is a 422 {@code FieldValueTooMany}.
 */
final class FieldBudget {

  static final int MAX_FIELDS = 100_000;

  private FieldBudget() {}

  static void check(ResourceType type, ObjectNode object) {
    long count = count(object, MAX_FIELDS);
    if (count <= MAX_FIELDS) {
      return;
    }
    throw ApiException.invalid(
        type.qualifiedResource(),
        type.kind(),
        ObjectMeta.name(object),
        List.of(
            new ApiException.Cause(
                "FieldValueTooMany",
                "Too many: more than "
                    + MAX_FIELDS
                    + ": must have at most "
                    + MAX_FIELDS
                    + " fields and list items",
                "<root>")));
  }

  /** Fields and items below {@code root}, counted up to {@code limit} + 1 (iteratively). */
  static long count(JsonNode root, long limit) {
    ArrayDeque<JsonNode> pending = new ArrayDeque<>();
    pending.push(root);
    long count = 0;
    while (!pending.isEmpty()) {
      JsonNode node = pending.pop();
      if (!node.isContainerNode()) {
        continue;
      }
      count += node.size();
      if (count > limit) {
        return count;
      }
      for (JsonNode child : node) {
        if (child.isContainerNode()) {
          pending.push(child);
        }
      }
    }
    return count;
  }
}
