package dev.atrium.agent.hub;

import dev.atrium.model.workload.Workload;
import java.net.URI;

/**
 * The syncer view's base URL {@code https://host:port/services/syncer/<workspace>/<target>}, as the
 * hub kubeconfig's server.
 */
public record ViewUrl(String base, String workspace, String target) {

  public static ViewUrl parse(String server) {
    String s = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    String path = URI.create(s).getRawPath();
    int i = path == null ? -1 : path.indexOf(Workload.VIEW_PREFIX);
    if (i < 0) {
      throw new IllegalArgumentException(
          "hub kubeconfig server "
              + server
              + " is not a syncer view URL (.../services/syncer/W/N)");
    }
    String[] parts = path.substring(i + Workload.VIEW_PREFIX.length()).split("/");
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "hub kubeconfig server " + server + " must end in /services/syncer/<workspace>/<target>");
    }
    return new ViewUrl(s, parts[0], parts[1]);
  }
}
