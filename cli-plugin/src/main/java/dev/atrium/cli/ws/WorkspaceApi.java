package dev.atrium.cli.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.cli.common.CliException;
import dev.atrium.cli.hub.HubClient;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.Workspace;
import dev.atrium.model.tenancy.WorkspaceSpec;
import dev.atrium.model.tenancy.WorkspaceStatus;
import java.util.Optional;

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
    Workspace body = Workspace.named(name, WorkspaceSpec.ofType(type));
    return hubClient.post(parent.url(RESOURCE), ModelJson.tree(body));
  }

  /** A request into the workspace itself: discovery, which any authenticated member may read. */
  public HubResponse discovery(WorkspaceUrl workspace) {
    return hubClient.get(workspace.url("/api"));
  }

  /** The workspace's phase, "" when unset (or not a Workspace's shape). */
  public static String phase(JsonNode workspace) {
    return typed(workspace).map(Workspace::status).map(WorkspaceStatus::phaseOrEmpty).orElse("");
  }

  /** The workspace's type, {@link Tenancy#DEFAULT_TYPE} when unset. */
  public static String type(JsonNode workspace) {
    return typed(workspace)
        .map(Workspace::spec)
        .map(WorkspaceSpec::typeOrDefault)
        .orElse(Tenancy.DEFAULT_TYPE);
  }

  private static Optional<Workspace> typed(JsonNode workspace) {
    return ModelJson.tryRead(workspace, Workspace.class);
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
