package dev.atrium.hub.api;

/**
 * Virtual views live under {@code /services/...}. Clients whose server URL names a workspace
 * ({@code .../clusters/root}) reach them as {@code /clusters/<path>/services/...} ({@code kubectl
 * get --raw} joins the server's path): that prefix is dropped.
 */
final class ServicePaths {

  private ServicePaths() {}

  static String strip(String path) {
    if (path.startsWith("/clusters/")) {
      int slash = path.indexOf('/', "/clusters/".length());
      if (slash > 0 && path.startsWith("/services/", slash)) {
        return path.substring(slash);
      }
    }
    return path;
  }
}
