package dev.atrium.cli.ws;

import dev.atrium.cli.common.CliException;
import dev.atrium.cli.kubeconfig.Kubeconfig;
import dev.atrium.cli.kubeconfig.NamedKind;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * The kubeconfig edits of kcp's plugin: {@code workspace.atrium.dev/current} (cluster + context)
 * pointing at the new workspace with the credentials of the context it came from, the context left
 * behind saved as {@code workspace.atrium.dev/previous}; and named contexts for create-context.
 * Only the edited entries and current-context change; {@link Kubeconfig#save} writes them.
 */
public final class ContextEditor {

  private final Kubeconfig kubeconfig;

  public ContextEditor(Kubeconfig kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /**
   * Makes {@code target} current, using the cluster settings and user of {@code source} (the
   * current context, or the previous one for {@code ws -}); {@code leaving} becomes previous.
   */
  public void switchTo(KubeContext leaving, KubeContext source, WorkspaceUrl target) {
    MappingNode previousCluster = leaving.clusterFor(leaving.url());
    MappingNode previousContext = leaving.contextFor(Session.PREVIOUS);
    MappingNode currentCluster = source.clusterFor(target);
    MappingNode currentContext = source.contextFor(Session.CURRENT);
    kubeconfig.put(NamedKind.CLUSTER, Session.PREVIOUS, previousCluster);
    kubeconfig.put(NamedKind.CONTEXT, Session.PREVIOUS, previousContext);
    kubeconfig.put(NamedKind.CLUSTER, Session.CURRENT, currentCluster);
    kubeconfig.put(NamedKind.CONTEXT, Session.CURRENT, currentContext);
    kubeconfig.setCurrentContext(Session.CURRENT);
  }

  /** A context (and cluster) named {@code name} for the current workspace, made current. */
  public void createContext(KubeContext current, String name, boolean overwrite) {
    if (!overwrite && kubeconfig.entry(NamedKind.CONTEXT, name).isPresent()) {
      throw new CliException(
          "context \""
              + name
              + "\" already exists in the kubeconfig: use --overwrite to replace it");
    }
    kubeconfig.put(NamedKind.CLUSTER, name, current.clusterFor(current.url()));
    kubeconfig.put(NamedKind.CONTEXT, name, current.contextFor(name));
    kubeconfig.setCurrentContext(name);
  }
}
