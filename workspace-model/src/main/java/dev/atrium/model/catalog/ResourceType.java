package dev.atrium.model.catalog;

import java.util.List;

/**
 * One served resource: everything discovery, the registry and Table output need to know about a
 * kind, as data.
 *
 * @param group API group, "" for the core group
 * @param version served version, e.g. "v1"
 * @param kind e.g. "Deployment"
 * @param plural resource name in URLs, e.g. "deployments"
 * @param singular e.g. "deployment"
 * @param shortNames e.g. ["deploy"]
 * @param categories e.g. ["all"]
 * @param namespaced true for namespace-scoped kinds
 * @param verbs discovery verbs, e.g. get, list, watch, create, update, patch, delete,
 *     deletecollection
 * @param subresources e.g. "status", "scale", "token"
 * @param printerColumns Table columns as kube-apiserver prints them (NAME first)
 */
public record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    List<String> shortNames,
    List<String> categories,
    boolean namespaced,
    List<String> verbs,
    List<String> subresources,
    List<PrinterColumn> printerColumns) {

  /** "apps/v1" or "v1" for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** "deployments.apps" or "configmaps"; the name used in Kubernetes error messages. */
  public String qualifiedResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  public boolean hasSubresource(String name) {
    return subresources.contains(name);
  }
}
