package dev.atrium.hub.registry;

import dev.atrium.hub.storage.ObjectKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which namespaces exist and whether they are terminating, per logical cluster, as the namespace
 * controller's change feed reports them — the informer cache of Kubernetes' NamespaceLifecycle
 * admission. Callers fall back to a read on a miss.
 */
@ApplicationScoped
public class NamespaceIndex {

  private final Map<String, Boolean> terminating = new ConcurrentHashMap<>();

  private static String key(String cluster, String namespace) {
    return cluster + "/" + namespace;
  }

  public void observe(ObjectKey namespace, boolean isTerminating) {
    terminating.put(key(namespace.cluster(), namespace.name()), isTerminating);
  }

  public void forget(ObjectKey namespace) {
    terminating.remove(key(namespace.cluster(), namespace.name()));
  }

  /** Empty when unknown here; otherwise whether the namespace is terminating. */
  public Optional<Boolean> terminating(String cluster, String namespace) {
    return Optional.ofNullable(terminating.get(key(cluster, namespace)));
  }
}
