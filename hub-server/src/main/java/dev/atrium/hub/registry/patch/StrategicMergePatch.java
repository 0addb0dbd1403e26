package dev.atrium.hub.registry.patch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kubernetes strategic merge patch ({@code application/strategic-merge-patch+json}), as the API
 * server applies it to built-in kinds.
 *
 * <ul>
 *   <li>Maps merge recursively; {@code null} deletes a key; {@code $patch: replace} replaces the
 *       map and {@code $patch: delete} removes it; {@code $retainKeys} drops the live keys it does
 *       not list.
 *   <li>Lists whose patch strategy is {@code merge} are merged: lists of maps by merge key (items
 *       with {@code $patch: delete} remove, an item {@code {"$patch": "replace"}} replaces the
 *       whole list), lists of primitives as sets ({@code $deleteFromPrimitiveList/<field>} removes
 *       values). Other lists are replaced.
 *   <li>{@code $setElementOrder/<field>} fixes the order of the merged list.
 *   <li>Fields the schema does not describe merge like JSON merge patch (maps merge, lists are
 *       replaced).
 * </ul>
 *
 * Directives never reach the result. Malformed directives raise {@link PatchException}.
 */
public final class StrategicMergePatch {

  private StrategicMergePatch() {}

  /**
   * Applies {@code patch} to {@code original} and returns a new object; the arguments are not
   * changed. {@code schema} describes {@code original} ({@link PatchSchema#forKind}); null means
   * unknown.
   */
  public static ObjectNode apply(ObjectNode original, ObjectNode patch, PatchSchema.Node schema) {
    PatchSchema.Node root = schema == null ? PatchSchema.unknown() : schema;
    ObjectNode live =
        original == null ? JsonNodeFactory.instance.objectNode() : original.deepCopy();
    ObjectNode merged = MapMerger.merge(live, patch.deepCopy(), root);
    return merged == null ? JsonNodeFactory.instance.objectNode() : merged;
  }
}
