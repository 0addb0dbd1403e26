package dev.atrium.cli.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.cli.common.CliException;
import dev.atrium.cli.hub.HubClient;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.model.tenancy.Tenancy;

/** The Workspace resource of a workspace: list, get and create its child workspaces. */
public final class WorkspaceApi {

  private static final String RESOURCE =
      "/apis/" + Tenancy.GROUP + "/" + Tenancy.VERSION + "/" + Tenancy.WORKSPACES;

  private final HubClient hubClient;

  public WorkspaceApi(HubClient hubClient) {
    this.hubClient = hubClient;
  }

  public HubResponse list(WorkspaceUrl parent) {
    return hubClient.get(parent.url(RESOURCE));
  }

  public HubResponse get(WorkspaceUrl parent, String name) {
    return hubClient.get(parent.url(RESOURCE + "/" + name));
  }

  public HubResponse create(WorkspaceUrl parent, String name, String type) {
    ObjectNode body = new ObjectMapper().createObjectNode();
    body.put("apiVersion", Tenancy.GROUP + "/" + Tenancy.VERSION).put("kind", "Workspace");
    body.putObject("metadata").put("name", name);
    ObjectNode spec = body.putObject("spec");
    if (type != null) {
      spec.put("type", type);
    }
    return hubClient.post(parent.url(RESOURCE), body);
  }

  /** A request into the workspace itself: discovery, which any authenticated member may read. */
  public HubResponse discovery(WorkspaceUrl workspace) {
    return hubClient.get(workspace.url("/api"));
  }

  public static String phase(JsonNode workspace) {
    return workspace.path("status").path("phase").asText("");
  }

  public static String type(JsonNode workspace) {
    return workspace.path("spec").path("type").asText(Tenancy.DEFAULT_TYPE);
  }

  /** A failed response as the user should read it. */
  public static CliException failure(HubResponse response) {
    if (response.code() == 401) {
      return new CliException(
          "Unauthorized: the hub did not accept the credentials of the context");
    }
    return new CliException(response.message());
  }
}
