package dev.atrium.hub.auth.rbac;

import dev.atrium.hub.request.RequestInfo;

/**
 * What is being asked, as Kubernetes' {@code authorizer.Attributes}: a resource request (verb,
 * group, resource, subresource, namespace, name) or a non-resource request (verb, path).
 */
public record Attributes(
    String verb,
    boolean resourceRequest,
    String group,
    String resource,
    String subresource,
    String namespace,
    String name,
    String path) {

  public static Attributes resource(
      String verb, String group, String resource, String subresource, String ns, String name) {
    return new Attributes(verb, true, group, resource, subresource, ns, name, "");
  }

  public static Attributes nonResource(String verb, String path) {
    return new Attributes(verb, false, "", "", "", "", "", path);
  }

  /**
   * The attributes of a parsed request. As upstream, a request on a namespace object is inside that
   * namespace, so a RoleBinding there can grant access to it.
   */
  public static Attributes of(RequestInfo info) {
    if (!info.resourceRequest()) {
      return nonResource(info.verb(), info.path());
    }
    String ns = info.namespace();
    if (info.resource().equals("namespaces") && info.group().isEmpty()) {
      ns = info.name();
    }
    return resource(
        info.verb(), info.group(), info.resource(), info.subresource(), ns, info.name());
  }

  /** "deployments/scale", or "deployments". */
  public String combinedResource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }
}
