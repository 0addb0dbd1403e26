package dev.atrium.agent.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.mapping.Json;
import dev.atrium.agent.mapping.UpstreamObject;

/** One line of the view's watch: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR. */
public record ViewEvent(String type, UpstreamObject object, String resourceVersion, JsonNode raw) {

  public static ViewEvent parse(String line) {
    ObjectNode e = Json.parse(line);
    String type = e.path("type").asText();
    JsonNode o = e.path("object");
    String rv = Json.text(o, "metadata", "resourceVersion");
    UpstreamObject up =
        o instanceof ObjectNode obj && e.has("resource")
            ? new UpstreamObject(
                e.path("workspace").asText(),
                e.path("group").asText(""),
                e.path("version").asText(),
                e.path("resource").asText(),
                obj)
            : null;
    return new ViewEvent(type, up, rv, o);
  }

  /** For ERROR events: the Status code (410 means relist). */
  public int errorCode() {
    return raw.path("code").asInt(0);
  }
}
