package dev.atrium.hub.request;

import dev.atrium.model.tenancy.WorkspacePath;

/**
 * Splits {@code /clusters/<path>/rest} into the logical cluster and the Kubernetes path. Bare URLs
 * are the {@code root} workspace; {@code *} is the wildcard view. Anything else malformed is a 400,
 * never another workspace.
 */
record ClusterPath(String cluster, String rest) {

  private static final String PREFIX = "/clusters/";

  static ClusterPath split(String rawPath) {
    if (!rawPath.startsWith(PREFIX)) {
      return new ClusterPath(RequestInfo.ROOT, rawPath);
    }
    int end = rawPath.indexOf('/', PREFIX.length());
    String cluster =
        end < 0 ? rawPath.substring(PREFIX.length()) : rawPath.substring(PREFIX.length(), end);
    String rest = end < 0 ? "/" : rawPath.substring(end);
    if (cluster.equalsIgnoreCase("%2A")) {
      cluster = "*";
    }
    if (!valid(cluster)) {
      throw ApiException.badRequest("invalid workspace path \"" + cluster + "\"");
    }
    return new ClusterPath(cluster, rest);
  }

  static boolean valid(String cluster) {
    return cluster.equals("*") || WorkspacePath.valid(cluster);
  }
}
