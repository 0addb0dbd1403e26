package dev.atrium.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A hub in memory answering the plugin's requests (workspaces by path, discovery, version), for the
 * unit tests. A created workspace is Scheduling on its first read and Ready after that; paths in
 * {@code forbidden} answer 403.
 */
public final class InMemoryHub implements HubClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE = "/apis/tenancy.atrium.dev/v1alpha1/workspaces";

  private final Map<String, ObjectNode> workspaces = new LinkedHashMap<>();
  private final Set<String> forbidden = new HashSet<>();
  private int requests;

  public InMemoryHub withWorkspace(String path, String phase) {
    workspaces.put(path, workspace(path, "universal", phase));
    return this;
  }

  public InMemoryHub forbid(String path) {
    forbidden.add(path);
    return this;
  }

  public int requests() {
    return requests;
  }

  @Override
  public HubResponse get(String url) {
    requests++;
    String path = URI.create(url).getPath();
    if (path.equals("/version")) {
      return new HubResponse(200, JSON.createObjectNode().put("gitVersion", "v1.33.0-atrium"));
    }
    String cluster = cluster(path);
    String rest = path.substring(path.indexOf(cluster) + cluster.length());
    if (forbidden.contains(cluster)) {
      return status(403, "Forbidden", "forbidden");
    }
    if (!cluster.equals("root") && !workspaces.containsKey(cluster)) {
      return status(404, "NotFound", "workspace not found");
    }
    if (rest.equals("/api") || rest.equals("/version")) {
      return new HubResponse(200, JSON.createObjectNode().put("kind", "APIVersions"));
    }
    if (rest.equals(RESOURCE)) {
      return list(cluster);
    }
    return getWorkspace(cluster + ":" + rest.substring(RESOURCE.length() + 1));
  }

  @Override
  public HubResponse post(String url, JsonNode body) {
    requests++;
    String parent = cluster(URI.create(url).getPath());
    String path = parent + ":" + body.path("metadata").path("name").asText();
    if (workspaces.containsKey(path)) {
      return status(
          409, "AlreadyExists", "workspaces.tenancy.atrium.dev \"" + path + "\" already exists");
    }
    ObjectNode ws =
        workspace(path, body.path("spec").path("type").asText("universal"), "Scheduling");
    workspaces.put(path, ws);
    return new HubResponse(201, ws.deepCopy());
  }

  @Override
  public HubResponse put(String url, JsonNode body) {
    requests++;
    return status(405, "MethodNotAllowed", "not served by this test hub");
  }

  @Override
  public HubResponse delete(String url) {
    requests++;
    return status(405, "MethodNotAllowed", "not served by this test hub");
  }

  private HubResponse list(String parent) {
    ObjectNode list = JSON.createObjectNode().put("kind", "WorkspaceList");
    ArrayNode items = list.putArray("items");
    workspaces.forEach(
        (path, ws) -> {
          if (path.startsWith(parent + ":") && path.indexOf(':', parent.length() + 1) < 0) {
            items.add(ws);
          }
        });
    return new HubResponse(200, list);
  }

  private HubResponse getWorkspace(String path) {
    ObjectNode ws = workspaces.get(path);
    if (ws == null) {
      return status(404, "NotFound", "workspaces.tenancy.atrium.dev \"" + path + "\" not found");
    }
    JsonNode answer = ws.deepCopy();
    ((ObjectNode) ws.get("status")).put("phase", "Ready");
    return new HubResponse(200, answer);
  }

  private static String cluster(String path) {
    String rest = path.substring("/clusters/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static ObjectNode workspace(String path, String type, String phase) {
    ObjectNode ws =
        JSON.createObjectNode()
            .put("apiVersion", "tenancy.atrium.dev/v1alpha1")
            .put("kind", "Workspace");
    ws.putObject("metadata").put("name", path.substring(path.lastIndexOf(':') + 1));
    ws.putObject("spec").put("type", type);
    ws.putObject("status").put("phase", phase);
    return ws;
  }

  private static HubResponse status(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("code", code);
    status.put("reason", reason).put("message", message);
    return new HubResponse(code, status);
  }
}
