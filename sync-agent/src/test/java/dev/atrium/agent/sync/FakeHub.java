package dev.atrium.agent.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.hub.HubApi;
import dev.atrium.agent.hub.HubException;
import dev.atrium.agent.mapping.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records the reconcilers' hub calls; answers from a map of paths. */
final class FakeHub implements HubApi {

  record Call(String method, String path, String contentType, JsonNode body) {}

  final List<Call> calls = new ArrayList<>();
  final Map<String, ObjectNode> objects = new HashMap<>();
  int failWith;

  @Override
  public ObjectNode get(String path) {
    calls.add(new Call("GET", path, null, null));
    return objects.get(path);
  }

  @Override
  public ObjectNode patch(String path, String contentType, JsonNode body) {
    calls.add(new Call("PATCH", path, contentType, body));
    if (failWith != 0) {
      throw new HubException(failWith, "injected");
    }
    return objects.getOrDefault(path, Json.object());
  }

  @Override
  public ObjectNode post(String path, JsonNode body) {
    calls.add(new Call("POST", path, null, body));
    return Json.object();
  }
}
