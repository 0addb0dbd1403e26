package dev.atrium.hub.storage;

/**
 * Identity of a stored object. {@code namespace} is "" for cluster-scoped objects; {@code group} is
 * "" for the core group.
 */
public record ObjectKey(
    String cluster, String group, String resource, String namespace, String name) {

  public ObjectKey {
    namespace = namespace == null ? "" : namespace;
  }

  public ResourceScope scope() {
    return new ResourceScope(cluster, group, resource, namespace);
  }
}
