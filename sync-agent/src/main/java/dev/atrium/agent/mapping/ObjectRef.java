package dev.atrium.agent.mapping;

/**
 * Identity of one upstream object: the unit of work in the agent's queue.
 *
 * @param workspace logical cluster path, e.g. "root:acme"
 * @param group API group, "" for core
 * @param resource plural resource name
 * @param namespace upstream namespace, "" for cluster-scoped objects
 * @param name object name
 */
public record ObjectRef(
    String workspace, String group, String resource, String namespace, String name) {

  public boolean namespaced() {
    return !namespace.isEmpty();
  }

  @Override
  public String toString() {
    String gr = group.isEmpty() ? resource : resource + "." + group;
    return workspace + "|" + gr + "|" + (namespaced() ? namespace + "/" : "") + name;
  }
}
