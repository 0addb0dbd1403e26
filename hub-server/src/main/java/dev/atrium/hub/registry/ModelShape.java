package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.meta.AtriumKinds;
import dev.atrium.model.meta.ModelJson;
import java.util.List;
import java.util.Optional;

/**
 * An object of one of Atrium's own kinds must read as its workspace-model record (a number where
 * the record has a number, an object where it has an object): what the hub's controllers read of it
 * typed is then always there. A write with another shape is 422 Invalid, naming the field.
 */
final class ModelShape {

  private ModelShape() {}

  static List<ApiException.Cause> errors(ResourceType type, ObjectNode object) {
    Optional<AtriumKinds.Kind> kind = AtriumKinds.byResource(type.group(), type.plural());
    if (kind.isEmpty()) {
      return List.of();
    }
    try {
      ModelJson.read(object, kind.get().type());
      return List.of();
    } catch (IllegalArgumentException e) {
      String field = ModelJson.failedPath(e);
      return List.of(
          ApiException.Cause.invalidValue(
              field, object.at(pointer(field)).toString(), "does not have the field's type"));
    }
  }

  /** "spec.locationSelectors[0].matchLabels" as a JSON pointer. */
  private static String pointer(String field) {
    return field.isEmpty() ? "" : "/" + field.replace(".", "/").replace("[", "/").replace("]", "");
  }
}
