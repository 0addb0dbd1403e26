package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.Store;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.model.catalog.ResourceType;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRDs of every logical cluster, kept in memory from the store (list, then watch) on every hub
 * replica. Readers get immutable per-cluster snapshots; lookups are map hits.
 */
@ApplicationScoped
public class CrdRegistry {

  @Inject Store store;
  @Inject StoreFeeds feeds;
  @Inject Vertx vertx;

  private final Map<String, ClusterApis> clusters = new ConcurrentHashMap<>();

  /** Each cluster's own CRD objects. */
  private final Map<String, Map<String, ObjectNode>> definitions = new HashMap<>();

  /** binder cluster → binding name → the provider's CRDs it binds (APIBindings, Bound). */
  private final Map<String, Map<String, Bound>> bindings = new HashMap<>();

  /** The CRDs (by name) one APIBinding serves from its provider workspace. */
  public record Bound(String provider, java.util.Set<String> crds) {}

  @PostConstruct
  void install() {
    CustomResources.install(this);
  }

  void start(@Observes StartupEvent event) {
    ResourceScope crds =
        new ResourceScope(
            ResourceScope.ALL_CLUSTERS, "apiextensions.k8s.io", "customresourcedefinitions", "");
    feeds.start(crds, StoreFeed.Handler.of(this::replaceAll, this::apply), true);
  }

  private void apply(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      remove(event.object().key());
    } else {
      put(event.object());
    }
  }

  /** Built-in types followed by the cluster's established CRD versions. */
  public List<ResourceType> served(String cluster) {
    return apis(cluster).served();
  }

  /** One type per namespaced CRD of the cluster (its preferred version). */
  public List<ResourceType> namespaced(String cluster) {
    return apis(cluster).namespaced();
  }

  public Optional<CrdVersion> version(String cluster, String group, String version, String plural) {
    return Optional.ofNullable(apis(cluster).version(group, version, plural));
  }

  /** The cluster's served CRD versions of one group-version. */
  public List<CrdVersion> versions(String cluster, String group, String version) {
    ClusterApis apis = apis(cluster);
    return apis.served().stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .map(t -> apis.version(group, version, t.plural()))
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  public Optional<ResourceType> resolve(
      String cluster, String group, String version, String plural) {
    return version(cluster, group, version, plural).map(CrdVersion::type);
  }

  public Optional<ResourceType> byResource(String cluster, String group, String plural) {
    return Optional.ofNullable(apis(cluster).resource(group, plural)).map(CrdVersion::type);
  }

  /** Every CRD object of the cluster, established or not (its own and those bound into it). */
  public Collection<ObjectNode> definitions(String cluster) {
    return apis(cluster).definitions().values();
  }

  /** The cluster's own CRD objects (not those bound from providers). */
  public synchronized Map<String, ObjectNode> local(String cluster) {
    return Map.copyOf(definitions.getOrDefault(cluster, Map.of()));
  }

  /**
   * Serves {@code bound.crds()} of workspace {@code bound.provider()} in {@code binder} as if they
   * were its own (discovery, OpenAPI, validation, storage in the binder), for APIBinding {@code
   * name}; a local CRD of the same name wins.
   */
  public synchronized void bind(String binder, String name, Bound bound) {
    Map<String, Bound> of = bindings.computeIfAbsent(binder, b -> new HashMap<>());
    if (bound.equals(of.get(name))) {
      return;
    }
    of.put(name, bound);
    publish(binder);
  }

  public synchronized void unbind(String binder, String name) {
    Map<String, Bound> of = bindings.get(binder);
    if (of != null && of.remove(name) != null) {
      if (of.isEmpty()) {
        bindings.remove(binder);
      }
      publish(binder);
    }
  }

  /** The bindings of {@code binder}, by APIBinding name. */
  public synchronized Map<String, Bound> bindings(String binder) {
    return Map.copyOf(bindings.getOrDefault(binder, Map.of()));
  }

  private ClusterApis apis(String cluster) {
    return clusters.getOrDefault(cluster, ClusterApis.EMPTY);
  }

  synchronized void replaceAll(List<StoredObject> crds) {
    java.util.Set<String> touched = new java.util.HashSet<>(definitions.keySet());
    definitions.clear();
    for (StoredObject o : crds) {
      definitions
          .computeIfAbsent(o.key().cluster(), c -> new HashMap<>())
          .put(o.key().name(), o.body());
    }
    touched.addAll(definitions.keySet());
    touched.addAll(bindings.keySet());
    touched.forEach(this::publish);
  }

  synchronized void put(StoredObject crd) {
    Map<String, ObjectNode> copy =
        new HashMap<>(definitions.getOrDefault(crd.key().cluster(), Map.of()));
    copy.put(ObjectMeta.name(crd.body()), crd.body());
    definitions.put(crd.key().cluster(), copy);
    changed(crd.key().cluster());
  }

  synchronized void remove(ObjectKey key) {
    Map<String, ObjectNode> copy = new HashMap<>(definitions.getOrDefault(key.cluster(), Map.of()));
    copy.remove(key.name());
    if (copy.isEmpty()) {
      definitions.remove(key.cluster());
    } else {
      definitions.put(key.cluster(), copy);
    }
    changed(key.cluster());
  }

  /** Republishes a cluster and every cluster that binds CRDs from it. */
  private void changed(String cluster) {
    publish(cluster);
    bindings.forEach(
        (binder, of) -> {
          if (!binder.equals(cluster)
              && of.values().stream().anyMatch(b -> b.provider().equals(cluster))) {
            publish(binder);
          }
        });
  }

  /** A cluster's served CRDs: its own, plus the bound ones its own do not shadow. */
  private void publish(String cluster) {
    Map<String, ObjectNode> own = definitions.getOrDefault(cluster, Map.of());
    Map<String, ObjectNode> crds = new HashMap<>(own);
    for (Bound b : bindings.getOrDefault(cluster, Map.of()).values()) {
      Map<String, ObjectNode> provider = definitions.getOrDefault(b.provider(), Map.of());
      for (String name : b.crds()) {
        ObjectNode crd = provider.get(name);
        if (crd != null) {
          crds.putIfAbsent(name, crd);
        }
      }
    }
    if (crds.isEmpty()) {
      clusters.remove(cluster);
    } else {
      clusters.put(cluster, new ClusterApis(crds));
    }
  }
}
