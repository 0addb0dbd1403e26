package dev.atrium.hub.storage.selection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Function;

/**
 * What a list or watch keeps: a label selector, a field selector and the function that extracts the
 * selectable fields of an object (per kind).
 */
public record Selection(
    LabelSelector labels,
    FieldSelector fields,
    Function<ObjectNode, Map<String, String>> fieldSet) {

  public static Selection everything() {
    return new Selection(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, o -> Map.of());
  }

  public boolean isEverything() {
    return labels.isEmpty() && fields.isEmpty();
  }

  public boolean matches(ObjectNode object) {
    return labels.matches(LabelSelector.labelsOf(object))
        && (fields.isEmpty() || fields.matches(fieldSet.apply(object)));
  }
}
