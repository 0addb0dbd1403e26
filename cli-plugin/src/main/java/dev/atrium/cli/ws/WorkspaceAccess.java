package dev.atrium.cli.ws;

import dev.atrium.cli.common.CliException;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.WorkspacePath;

/**
 * Checks a workspace exists and may be entered before the kubeconfig points at it. The Workspace
 * object is read in the parent (404: not found; its phase must be past Initializing); a user who
 * may not read the parent (403) is let in when a request into the workspace itself succeeds, which
 * the hub answers with 404/403 for a workspace that is missing or closed to that user.
 */
public final class WorkspaceAccess {

  private final WorkspaceApi api;

  public WorkspaceAccess(WorkspaceApi api) {
    this.api = api;
  }

  public void check(WorkspaceUrl target) {
    WorkspacePath path = target.path();
    if (path.isRoot()) {
      expectInside(target);
      return;
    }
    HubResponse response = api.get(target.at(path.parent().orElseThrow()), path.name());
    switch (response.code()) {
      case 200 -> expectReady(path, WorkspaceApi.phase(response.body()));
      case 403 -> expectInside(target);
      default -> throw fail(path, response);
    }
  }

  private void expectInside(WorkspaceUrl target) {
    HubResponse response = api.discovery(target);
    if (!response.ok()) {
      throw fail(target.path(), response);
    }
  }

  private static void expectReady(WorkspacePath path, String phase) {
    if (phase.equals(Tenancy.PHASE_SCHEDULING) || phase.equals(Tenancy.PHASE_INITIALIZING)) {
      throw new CliException("workspace \"" + path + "\" is not ready yet (phase " + phase + ")");
    }
  }

  private static CliException fail(WorkspacePath path, HubResponse response) {
    return switch (response.code()) {
      case 404 -> new CliException("workspace \"" + path + "\" not found");
      case 403 -> new CliException("access to workspace \"" + path + "\" denied");
      case 503 -> new CliException("workspace \"" + path + "\" is not ready yet");
      default -> WorkspaceApi.failure(response);
    };
  }
}
