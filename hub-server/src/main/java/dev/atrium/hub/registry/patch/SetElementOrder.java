package dev.atrium.hub.registry.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code $setElementOrder/<field>}: merges the field's patch list (if any) and then orders the
 * result as the directive lists it; live items it does not name keep their relative order.
 */
final class SetElementOrder {

  private SetElementOrder() {}

  /** Handles every ordering directive of {@code patch}, removing it and its list from the patch. */
  static void apply(ObjectNode original, ObjectNode patch, PatchSchema.Node schema) {
    for (Map.Entry<String, JsonNode> entry : MapMerger.entries(patch)) {
      if (Directives.isSetElementOrder(entry.getKey())) {
        patch.remove(entry.getKey());
        String field = Directives.fieldOf(entry.getKey(), Directives.SET_ELEMENT_ORDER);
        order(original, patch, field, entry.getValue(), schema.field(field));
      }
    }
  }

  private static void order(
      ObjectNode original, ObjectNode patch, String field, JsonNode order, PatchSchema.Node node) {
    if (!order.isArray()) {
      throw new PatchException("invalid patch format of setElementOrder list: " + order);
    }
    if (patch.has(field) && patch.get(field).isNull()) {
      return;
    }
    ArrayNode live = listOrNull(original.get(field), field);
    ArrayNode change = listOrNull(patch.get(field), field);
    if (live == null && change == null) {
      return;
    }
    ElementOrder ordering = new ElementOrder(node.patchMergeKey().orElse(""));
    List<JsonNode> orderItems = ListMerger.items((ArrayNode) order);
    if (change != null) {
      ordering.checkPatchFollows(ListMerger.items(change), orderItems);
    }
    ArrayNode merged = merged(live, change, node);
    List<JsonNode> serverOrder = live == null ? List.of() : ListMerger.items(live);
    List<JsonNode> result = ordering.normalize(ListMerger.items(merged), orderItems, serverOrder);
    original.set(field, ListMerger.toArray(result));
    patch.remove(field);
  }

  private static ArrayNode merged(ArrayNode live, ArrayNode change, PatchSchema.Node node) {
    if (change == null) {
      return live;
    }
    return live == null ? ListMerger.fresh(change, node) : ListMerger.merge(live, change, node);
  }

  private static ArrayNode listOrNull(JsonNode value, String field) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value instanceof ArrayNode array) {
      return array;
    }
    throw new PatchException("invalid patch: " + field + " is not a list: " + value);
  }
}
