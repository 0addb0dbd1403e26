package dev.atrium.agent.mapping;

/**
 * A resource type as the agent needs it to address objects: group, version, plural, kind and scope.
 */
public record Gvr(String group, String version, String resource, String kind, boolean namespaced) {

  public static final Gvr NAMESPACES = new Gvr("", "v1", "namespaces", "Namespace", false);
  public static final Gvr CRDS =
      new Gvr(
          "apiextensions.k8s.io",
          "v1",
          "customresourcedefinitions",
          "CustomResourceDefinition",
          false);

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** "deployments.apps" or "configmaps". */
  public String groupResource() {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  /** Path of the collection below an API root: "/api/v1" or "/apis/g/v", namespace optional. */
  public String collectionPath(String namespace) {
    String root = group.isEmpty() ? "/api/v1" : "/apis/" + group + "/" + version;
    return namespaced && namespace != null && !namespace.isEmpty()
        ? root + "/namespaces/" + namespace + "/" + resource
        : root + "/" + resource;
  }

  public String objectPath(String namespace, String name) {
    return collectionPath(namespace) + "/" + name;
  }
}
