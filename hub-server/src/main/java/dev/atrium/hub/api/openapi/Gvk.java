package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A group/version/kind triple; the core group is {@code ""}. */
record Gvk(String group, String version, String kind) {

  /** {@code {"group":…,"kind":…,"version":…}}, the form operations carry. */
  ObjectNode node() {
    ObjectNode node = Json.object();
    node.put("group", group);
    node.put("kind", kind);
    node.put("version", version);
    return node;
  }

  /** {@code [{"group":…,"kind":…,"version":…}]}, the form component schemas carry. */
  ArrayNode list() {
    return Json.array().add(node());
  }

  Gvk withKind(String otherKind) {
    return new Gvk(group, version, otherKind);
  }
}
