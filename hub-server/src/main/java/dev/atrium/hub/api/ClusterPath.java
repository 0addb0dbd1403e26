package dev.atrium.hub.api;

import java.util.regex.Pattern;

/**
 * Splits {@code /clusters/<path>/rest} into the logical cluster and the Kubernetes path. Bare URLs
 * are the {@code root} workspace; {@code *} is the wildcard view. Anything else malformed is a 400,
 * never another workspace.
 */
record ClusterPath(String cluster, String rest) {

  static final int MAX_PATH_LENGTH = 1024;
  private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
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
    if (cluster.equals("*")) {
      return true;
    }
    if (cluster.isEmpty() || cluster.length() > MAX_PATH_LENGTH) {
      return false;
    }
    String[] names = cluster.split(":", -1);
    if (!names[0].equals(RequestInfo.ROOT)) {
      return false;
    }
    for (int i = 1; i < names.length; i++) {
      if (!SEGMENT.matcher(names[i]).matches()) {
        return false;
      }
    }
    return true;
  }
}
