package dev.atrium.hub.storage;

/**
 * The objects of one resource in one logical cluster, optionally limited to a namespace ({@code ""}
 * = all namespaces, or a cluster-scoped resource). {@code cluster} "*" means every logical cluster
 * (wildcard view).
 */
public record ResourceScope(String cluster, String group, String resource, String namespace) {

  public static final String ALL_CLUSTERS = "*";
  public static final String ANY = "*";

  /** Every object of every resource in every logical cluster (controllers' view). */
  public static ResourceScope everything() {
    return new ResourceScope(ALL_CLUSTERS, ANY, ANY, "");
  }

  public ResourceScope {
    namespace = namespace == null ? "" : namespace;
  }

  public boolean allNamespaces() {
    return namespace.isEmpty();
  }

  public boolean allClusters() {
    return ALL_CLUSTERS.equals(cluster);
  }

  public ResourceScope inNamespace(String ns) {
    return new ResourceScope(cluster, group, resource, ns);
  }

  public boolean contains(ObjectKey key) {
    return (allClusters() || cluster.equals(key.cluster()))
        && (ANY.equals(group) || group.equals(key.group()))
        && (ANY.equals(resource) || resource.equals(key.resource()))
        && (allNamespaces() || namespace.equals(key.namespace()));
  }
}
