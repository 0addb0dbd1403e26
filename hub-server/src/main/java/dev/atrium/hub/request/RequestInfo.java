package dev.atrium.hub.request;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a request addresses, parsed from the URL as kube-apiserver's RequestInfoFactory does, after
 * the optional {@code /clusters/<path>} prefix.
 */
public record RequestInfo(
    String cluster,
    String path,
    String verb,
    boolean resourceRequest,
    String apiPrefix,
    String group,
    String version,
    String namespace,
    String resource,
    String name,
    String subresource) {

  public static final String ROOT = "root";
  private static final java.util.Set<String> NAMESPACE_SUBRESOURCES =
      java.util.Set.of("status", "finalize");

  /**
   * Parses {@code path} (already percent-decoded segments are not assumed: the raw path is split on
   * '/').
   */
  public static RequestInfo parse(String method, String rawPath, boolean watchParam) {
    ClusterPath cp = ClusterPath.split(rawPath);
    String path = cp.rest();
    List<String> parts = segments(path);
    if (parts.isEmpty() || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
      return nonResource(cp.cluster(), path, method);
    }
    String prefix = parts.get(0);
    int minParts = prefix.equals("api") ? 2 : 3;
    if (parts.size() < minParts) {
      return nonResource(cp.cluster(), path, method);
    }
    String group = prefix.equals("api") ? "" : parts.get(1);
    String version = parts.get(minParts - 1);
    List<String> rest = new ArrayList<>(parts.subList(minParts, parts.size()));
    boolean watchPath = !rest.isEmpty() && rest.get(0).equals("watch");
    if (watchPath) {
      rest.remove(0);
    }
    if (rest.isEmpty()) {
      return nonResource(cp.cluster(), path, method);
    }
    String namespace = "";
    if (rest.get(0).equals("namespaces") && rest.size() > 1) {
      namespace = rest.get(1);
      if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
        rest = rest.subList(2, rest.size());
      }
    }
    String resource = rest.get(0);
    String name = rest.size() > 1 ? rest.get(1) : "";
    String sub = rest.size() > 2 ? String.join("/", rest.subList(2, rest.size())) : "";
    if (resource.equals("namespaces")) {
      namespace = "";
    }
    String verb = verb(method, !name.isEmpty(), watchPath || watchParam);
    return new RequestInfo(
        cp.cluster(), path, verb, true, prefix, group, version, namespace, resource, name, sub);
  }

  private static RequestInfo nonResource(String cluster, String path, String method) {
    return new RequestInfo(cluster, path, method.toLowerCase(), false, "", "", "", "", "", "", "");
  }

  private static String verb(String method, boolean named, boolean watch) {
    switch (method) {
      case "POST":
        return "create";
      case "PUT":
        return "update";
      case "PATCH":
        return "patch";
      case "DELETE":
        return named ? "delete" : "deletecollection";
      default:
        if (watch) {
          return "watch";
        }
        return named ? "get" : "list";
    }
  }

  private static List<String> segments(String path) {
    String trimmed = path.replaceAll("^/+", "").replaceAll("/+$", "");
    if (trimmed.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(trimmed.split("/"));
  }

  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
