package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The part of an object whose fields are managed: without type information, system metadata (name,
 * namespace, uid, resourceVersion, ...), managedFields itself and the hub's own path annotation.
 */
final class TrackedView {

  static final String PATH_ANNOTATION = "atrium.dev/path";

  private static final String[] SYSTEM_METADATA = {
    "name",
    "namespace",
    "uid",
    "creationTimestamp",
    "selfLink",
    "generation",
    "resourceVersion",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "managedFields"
  };

  private TrackedView() {}

  static ObjectNode of(ObjectNode object) {
    if (object == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    ObjectNode view = object.deepCopy();
    view.remove("apiVersion");
    view.remove("kind");
    JsonNode meta = view.get("metadata");
    if (meta instanceof ObjectNode m) {
      for (String field : SYSTEM_METADATA) {
        m.remove(field);
      }
      if (m.get("annotations") instanceof ObjectNode annotations) {
        annotations.remove(PATH_ANNOTATION);
        if (annotations.isEmpty()) {
          m.remove("annotations");
        }
      }
      if (m.isEmpty()) {
        view.remove("metadata");
      }
    }
    return view;
  }
}
