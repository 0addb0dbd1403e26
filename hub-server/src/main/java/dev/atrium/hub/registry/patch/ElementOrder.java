package dev.atrium.hub.registry.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * List ordering of strategic merge patch. Items named by the patch (or by a {@code
 * $setElementOrder} list) take the patch's order; the other, server-only, items keep their live
 * order and are slotted in before the first patch item that follows them in the live list.
 *
 * <p>Items are identified by their merge key, or by their whole value for lists of primitives.
 */
final class ElementOrder {

  private final String mergeKey;

  /** {@code mergeKey} is empty for lists of primitives. */
  ElementOrder(String mergeKey) {
    this.mergeKey = mergeKey == null ? "" : mergeKey;
  }

  /**
   * Orders {@code merged}: items present in {@code patchOrder} as there, the others as in {@code
   * serverOrder}, then interleaves both.
   */
  List<JsonNode> normalize(
      List<JsonNode> merged, List<JsonNode> patchOrder, List<JsonNode> serverOrder) {
    List<JsonNode> fromPatch = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    for (JsonNode item : merged) {
      (indexIn(patchOrder, item) >= 0 ? fromPatch : serverOnly).add(item);
    }
    sortBy(fromPatch, patchOrder);
    sortBy(serverOnly, serverOrder);
    return interleave(serverOnly, fromPatch, serverOrder);
  }

  /**
   * Checks that the items of a patch list appear in the {@code $setElementOrder} list, in the same
   * relative order; deletions and other directive items are ignored.
   */
  void checkPatchFollows(List<JsonNode> patchList, List<JsonNode> order) {
    int p = 0;
    for (int o = 0; p < patchList.size() && o < order.size(); ) {
      JsonNode item = patchList.get(p);
      if (Directives.patchDirective(item) != null) {
        p++;
        continue;
      }
      if (JsonValues.same(identity(item), identity(order.get(o)))) {
        p++;
      }
      o++;
    }
    while (p < patchList.size() && Directives.patchDirective(patchList.get(p)) != null) {
      p++;
    }
    if (p < patchList.size()) {
      throw new PatchException(
          "the order in patch list:\n"
              + patchList
              + "\n doesn't match "
              + Directives.SET_ELEMENT_ORDER
              + " list:\n"
              + order);
    }
  }

  /** Position of {@code item} in {@code list} by identity, or -1. */
  int indexIn(List<JsonNode> list, JsonNode item) {
    JsonNode id = identity(item);
    for (int i = 0; i < list.size(); i++) {
      if (JsonValues.same(identity(list.get(i)), id)) {
        return i;
      }
    }
    return -1;
  }

  /** The merge key value of a map item, or the item itself for primitives. */
  JsonNode identity(JsonNode item) {
    if (mergeKey.isEmpty()) {
      return item;
    }
    if (item == null || !item.isObject()) {
      throw new PatchException("expected a map with merge key " + mergeKey + ", but got: " + item);
    }
    JsonNode value = item.get(mergeKey);
    if (value == null) {
      throw new PatchException(
          "map: " + item + " does not contain declared merge key: " + mergeKey);
    }
    return value;
  }

  private void sortBy(List<JsonNode> items, List<JsonNode> order) {
    items.sort(Comparator.comparingInt(item -> positionOrLast(order, item)));
  }

  private int positionOrLast(List<JsonNode> order, JsonNode item) {
    int index = indexIn(order, item);
    return index < 0 ? Integer.MAX_VALUE : index;
  }

  /** Merges two sorted lists; a server-only item goes first only if it is earlier live. */
  private List<JsonNode> interleave(
      List<JsonNode> serverOnly, List<JsonNode> fromPatch, List<JsonNode> serverOrder) {
    List<JsonNode> out = new ArrayList<>(serverOnly.size() + fromPatch.size());
    int s = 0;
    int p = 0;
    while (s < serverOnly.size() || p < fromPatch.size()) {
      boolean takeServer =
          p >= fromPatch.size()
              || (s < serverOnly.size()
                  && isBefore(serverOnly.get(s), fromPatch.get(p), serverOrder));
      out.add(takeServer ? serverOnly.get(s++) : fromPatch.get(p++));
    }
    return out;
  }

  private boolean isBefore(JsonNode left, JsonNode right, List<JsonNode> serverOrder) {
    int l = indexIn(serverOrder, left);
    int r = indexIn(serverOrder, right);
    return l >= 0 && r >= 0 && l < r;
  }
}
