package dev.atrium.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.cli.hub.HubClient;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.model.workload.Workload;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hub in memory for the cluster commands: SyncTargets (the key label set at creation, as the hub
 * does), ServiceAccounts and TokenRequests, per workspace. Records every request.
 */
final class ClusterHub implements HubClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** "workspace path|resource path" -> object. */
  final Map<String, ObjectNode> objects = new LinkedHashMap<>();

  final List<String> requests = new ArrayList<>();
  final Set<String> forbidden = new HashSet<>();
  boolean servesSyncTargets = true;

  /** Reads of a deleted target that still answer it (with deletionTimestamp) before 404. */
  int lingerAfterDelete;

  @Override
  public HubResponse get(String url) {
    String[] at = split(url, "GET");
    if (forbidden.contains(at[0])) {
      return status(403, "Forbidden", "User \"u\" cannot get in workspace " + at[0]);
    }
    if (at[1].endsWith("/" + Workload.SYNC_TARGETS)) {
      if (!servesSyncTargets) {
        return status(404, "NotFound", "the server could not find the requested resource");
      }
      ObjectNode list = JSON.createObjectNode().put("kind", "SyncTargetList");
      var items = list.putArray("items");
      objects.forEach(
          (k, v) -> {
            if (k.startsWith(at[0] + "|" + at[1] + "/")) {
              items.add(v);
            }
          });
      return new HubResponse(200, list);
    }
    ObjectNode o = objects.get(at[0] + "|" + at[1]);
    if (o == null) {
      return notFound(at[1]);
    }
    if (o.path("metadata").has("deletionTimestamp") && lingerAfterDelete-- <= 0) {
      objects.remove(at[0] + "|" + at[1]);
      return notFound(at[1]);
    }
    return new HubResponse(200, o.deepCopy());
  }

  @Override
  public HubResponse post(String url, JsonNode body) {
    String[] at = split(url, "POST");
    if (forbidden.contains(at[0])) {
      return status(403, "Forbidden", "User \"u\" cannot create in workspace " + at[0]);
    }
    if (at[1].endsWith("/token")) {
      String sa = at[1].substring(0, at[1].length() - "/token".length());
      if (!objects.containsKey(at[0] + "|" + sa)) {
        return notFound(sa);
      }
      ObjectNode answer = JSON.createObjectNode().put("kind", "TokenRequest");
      answer.set("spec", body.path("spec"));
      answer
          .putObject("status")
          .put("token", "token-" + requests.size())
          .put("expirationTimestamp", "2027-12-03T08:00:00Z");
      return new HubResponse(201, answer);
    }
    if (at[1].endsWith("/" + Workload.SYNC_TARGETS) && !servesSyncTargets) {
      return status(404, "NotFound", "the server could not find the requested resource");
    }
    String name = body.path("metadata").path("name").asText();
    String key = at[0] + "|" + at[1] + "/" + name;
    if (objects.containsKey(key)) {
      return status(409, "AlreadyExists", "\"" + name + "\" already exists");
    }
    ObjectNode o = body.deepCopy();
    ObjectNode metadata = (ObjectNode) o.path("metadata");
    metadata.put("resourceVersion", "1");
    if (body.path("kind").asText().equals(Workload.SYNC_TARGET_KIND)) {
      ObjectNode labels =
          metadata.has("labels")
              ? (ObjectNode) metadata.get("labels")
              : metadata.putObject("labels");
      labels.put(Workload.KEY_LABEL, Workload.targetKey(at[0], name));
    }
    objects.put(key, o);
    return new HubResponse(201, o.deepCopy());
  }

  @Override
  public HubResponse put(String url, JsonNode body) {
    String[] at = split(url, "PUT");
    ObjectNode old = objects.get(at[0] + "|" + at[1]);
    if (old == null) {
      return notFound(at[1]);
    }
    ObjectNode o = body.deepCopy();
    ((ObjectNode) o.path("metadata")).put("resourceVersion", "2");
    objects.put(at[0] + "|" + at[1], o);
    return new HubResponse(200, o.deepCopy());
  }

  @Override
  public HubResponse delete(String url) {
    String[] at = split(url, "DELETE");
    if (forbidden.contains(at[0])) {
      return status(403, "Forbidden", "User \"u\" cannot delete in workspace " + at[0]);
    }
    if (!servesSyncTargets) {
      return status(404, "NotFound", "the server could not find the requested resource");
    }
    ObjectNode o = objects.get(at[0] + "|" + at[1]);
    if (o == null) {
      return notFound(at[1]);
    }
    ((ObjectNode) o.path("metadata")).put("deletionTimestamp", "2026-12-03T08:00:00Z");
    return new HubResponse(200, o.deepCopy());
  }

  ObjectNode target(String workspace, String name) {
    return objects.get(workspace + "|" + ClusterApi.SYNC_TARGETS + "/" + name);
  }

  ObjectNode serviceAccount(String workspace, String name) {
    return objects.get(
        workspace + "|/api/v1/namespaces/" + Workload.AGENT_NAMESPACE + "/serviceaccounts/" + name);
  }

  /** [workspace path, resource path]; records "METHOD path". */
  private String[] split(String url, String method) {
    String path = URI.create(url).getPath();
    requests.add(method + " " + path);
    String rest = path.substring("/clusters/".length());
    int slash = rest.indexOf('/');
    return new String[] {rest.substring(0, slash), rest.substring(slash)};
  }

  private static HubResponse notFound(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return status(404, "NotFound", "\"" + name + "\" not found");
  }

  static HubResponse status(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("code", code);
    status.put("reason", reason).put("message", message);
    return new HubResponse(code, status);
  }
}
