package dev.atrium.hub.registry.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Names of the strategic merge patch directives and small helpers around them. */
final class Directives {

  static final String PATCH = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String SET_ELEMENT_ORDER = "$setElementOrder";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

  static final String REPLACE = "replace";
  static final String MERGE = "merge";
  static final String DELETE = "delete";
  static final String RETAIN_KEYS_STRATEGY = "retainKeys";

  private Directives() {}

  static boolean isSetElementOrder(String key) {
    return key.startsWith(SET_ELEMENT_ORDER + "/");
  }

  static boolean isDeleteFromPrimitiveList(String key) {
    return key.startsWith(DELETE_FROM_PRIMITIVE_LIST + "/");
  }

  /** The field a {@code $prefix/field} key is about. */
  static String fieldOf(String key, String prefix) {
    String field = key.substring(prefix.length() + 1);
    if (field.isEmpty()) {
      throw new PatchException("invalid patch format of " + prefix + ": " + key);
    }
    return field;
  }

  /** The {@code $patch} value of an object, or null when it carries none. */
  static String patchDirective(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode directive = node.get(PATCH);
    if (directive == null) {
      return null;
    }
    if (!directive.isTextual()) {
      throw unknownPatchType(directive.toString(), node);
    }
    return directive.textValue();
  }

  static PatchException unknownPatchType(String directive, JsonNode map) {
    return new PatchException("unknown patch type: " + directive + " in map: " + map);
  }

  /**
   * The strategy that decides between merging and replacing a field: the declared patch strategy
   * without {@code retainKeys} ({@code merge}, {@code replace} or empty).
   */
  static String strategy(PatchSchema.Node field) {
    List<String> strategies = new ArrayList<>(field.patchStrategies());
    strategies.remove(RETAIN_KEYS_STRATEGY);
    if (strategies.size() > 1) {
      throw new PatchException("unexpected patch strategy: " + field.patchStrategies());
    }
    return strategies.isEmpty() ? "" : strategies.get(0);
  }
}
