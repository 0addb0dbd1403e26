package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ReadView;
import dev.atrium.hub.storage.StoredObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Encodes watch events as JSON lines, with objects or Tables as the client asked. */
final class EventEncoder {

  private final ApiRequest req;
  private final String tableVersion;
  private final AtomicBoolean columnsSent = new AtomicBoolean();

  EventEncoder(ApiRequest req, String tableVersion) {
    this.req = req;
    this.tableVersion = tableVersion;
  }

  String qualifiedResource() {
    return req.type().qualifiedResource();
  }

  /** One event line; a plain JSON event of an unchanged read view reuses the cached body text. */
  String event(String type, StoredObject stored) {
    ObjectNode object = ReadView.of(req.type(), stored.body());
    if (tableVersion == null && object == stored.body()) {
      return "{\"type\":\"" + type + "\",\"object\":" + stored.json() + "}";
    }
    return event(type, object);
  }

  String event(String type, ObjectNode object) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("type", type);
    event.set("object", tableVersion == null ? object : asTable(object));
    return event.toString();
  }

  private ObjectNode asTable(ObjectNode object) {
    boolean first = columnsSent.compareAndSet(false, true);
    ObjectNode table =
        TableResponses.table(
            req.type(), List.of(object), tableVersion, ReadHandler.includeObject(req), first);
    ((ObjectNode) table.get("metadata"))
        .set("resourceVersion", object.path("metadata").path("resourceVersion"));
    return table;
  }

  String bookmark(long revision, boolean initialEventsEnd) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("kind", req.type().kind());
    object.put("apiVersion", req.type().apiVersion());
    ObjectNode meta = object.putObject("metadata");
    meta.put("resourceVersion", Long.toString(revision));
    if (initialEventsEnd) {
      meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
    }
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("type", "BOOKMARK");
    event.set("object", object);
    return event.toString();
  }
}
