package dev.atrium.cli.ws;

import dev.atrium.cli.common.CliException;
import dev.atrium.model.tenancy.WorkspacePath;

/**
 * A workspace's server URL, {@code <base>/clusters/<path>}. A URL without {@code /clusters/} is the
 * hub's root workspace (the hub serves the root there too).
 */
public record WorkspaceUrl(String base, WorkspacePath path) {

  private static final String CLUSTERS = "/clusters/";

  public static WorkspaceUrl parse(String server) {
    if (server == null || server.isBlank()) {
      throw new CliException("the current context has no server URL");
    }
    String url = stripSlashes(server.trim());
    int at = url.indexOf(CLUSTERS);
    if (at < 0) {
      return new WorkspaceUrl(url, WorkspacePath.ROOT);
    }
    String path = url.substring(at + CLUSTERS.length());
    if (!WorkspacePath.valid(path)) {
      throw new CliException(
          "server URL " + server + " does not point at a workspace (bad path \"" + path + "\")");
    }
    return new WorkspaceUrl(url.substring(0, at), new WorkspacePath(path));
  }

  private static String stripSlashes(String url) {
    String s = url;
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  public WorkspaceUrl at(WorkspacePath other) {
    return new WorkspaceUrl(base, other);
  }

  /** The server URL of the workspace. */
  public String url() {
    return base + CLUSTERS + path.value();
  }

  /** An API path inside the workspace, e.g. {@code /api}. */
  public String url(String apiPath) {
    return url() + apiPath;
  }
}
