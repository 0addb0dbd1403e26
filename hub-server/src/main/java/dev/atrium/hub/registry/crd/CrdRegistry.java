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
  private final Map<String, Map<String, ObjectNode>> definitions = new HashMap<>();

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

  /** Every CRD object of the cluster, established or not. */
  public Collection<ObjectNode> definitions(String cluster) {
    return apis(cluster).definitions().values();
  }

  private ClusterApis apis(String cluster) {
    return clusters.getOrDefault(cluster, ClusterApis.EMPTY);
  }

  synchronized void replaceAll(List<StoredObject> crds) {
    Map<String, Map<String, ObjectNode>> next = new HashMap<>();
    for (StoredObject o : crds) {
      next.computeIfAbsent(o.key().cluster(), c -> new HashMap<>()).put(o.key().name(), o.body());
    }
    for (String cluster : definitions.keySet()) {
      next.putIfAbsent(cluster, new HashMap<>());
    }
    definitions.clear();
    next.forEach(this::publish);
  }

  synchronized void put(StoredObject crd) {
    Map<String, ObjectNode> copy =
        new HashMap<>(definitions.getOrDefault(crd.key().cluster(), Map.of()));
    copy.put(ObjectMeta.name(crd.body()), crd.body());
    publish(crd.key().cluster(), copy);
  }

  synchronized void remove(ObjectKey key) {
    Map<String, ObjectNode> copy = new HashMap<>(definitions.getOrDefault(key.cluster(), Map.of()));
    copy.remove(key.name());
    publish(key.cluster(), copy);
  }

  private void publish(String cluster, Map<String, ObjectNode> crds) {
    if (crds.isEmpty()) {
      definitions.remove(cluster);
      clusters.remove(cluster);
      return;
    }
    definitions.put(cluster, crds);
    clusters.put(cluster, new ClusterApis(crds));
  }
}
