package dev.atrium.cli.ws;

import dev.atrium.cli.kubeconfig.Entry;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * A kubeconfig context as the plugin uses it: its name, the user it names (null if none), its
 * cluster body (a copy, with the effective server) and the workspace URL that server points at.
 */
public record KubeContext(String name, String user, Entry cluster, WorkspaceUrl url) {

  /** A copy of the cluster body pointing at {@code target}: CA and TLS settings kept. */
  public MappingNode clusterFor(WorkspaceUrl target) {
    MappingNode body = cluster == null ? Entry.newBody() : cluster.copyBody();
    Entry.set(body, "server", target.url());
    return body;
  }

  /** The context body: this context's user, in a cluster named {@code clusterName}. */
  public MappingNode contextFor(String clusterName) {
    MappingNode body = Entry.newBody();
    Entry.set(body, "cluster", clusterName);
    if (user != null) {
      Entry.set(body, "user", user);
    }
    return body;
  }
}
