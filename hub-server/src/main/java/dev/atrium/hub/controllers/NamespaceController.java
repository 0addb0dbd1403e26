package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.NamespaceIndex;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.model.catalog.ResourceType;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Empties namespaces that are being deleted, then removes their {@code kubernetes} finalizer so
 * they disappear. Steps: delete every namespaced object, wait until none is left, finalize.
 */
@ApplicationScoped
public class NamespaceController {

  private static final Logger LOG = Logger.getLogger(NamespaceController.class);
  private static final ResourceScope NAMESPACES =
      new ResourceScope(ResourceScope.ALL_CLUSTERS, "", "namespaces", "");

  @Inject GenericRegistry registry;
  @Inject StoreFeeds feeds;
  @Inject ApiResources apiResources;
  @Inject SystemNamespaces systemNamespaces;
  @Inject NamespaceIndex index;
  @Inject Vertx vertx;
  @Inject dev.atrium.hub.storage.Leadership leadership;

  private final Set<ObjectKey> inFlight = ConcurrentHashMap.newKeySet();

  void start(@Observes StartupEvent event) {
    systemNamespaces
        .ensure("root")
        .subscribe()
        .with(v -> {}, f -> LOG.warn("system namespaces", f));
    StoreFeed feed =
        feeds.start(
            NAMESPACES,
            StoreFeed.Handler.of(items -> items.forEach(this::existing), this::onChange),
            true);
    leadership.onElected(() -> feed.relist(java.time.Duration.ZERO));
  }

  private void onChange(WatchEvent event) {
    ObjectKey key = event.object().key();
    if (event.type() == WatchEvent.Type.DELETED) {
      index.forget(key);
      return;
    }
    boolean deleting = ObjectMeta.deleting(event.object().body());
    index.observe(key, deleting);
    if (deleting) {
      enqueue(key);
    }
  }

  /** A namespace found by a (re)list: index it, and pick it up when it is terminating. */
  private void existing(StoredObject namespace) {
    boolean deleting = ObjectMeta.deleting(namespace.body());
    index.observe(namespace.key(), deleting);
    if (deleting) {
      enqueue(namespace.key());
    }
  }

  private void enqueue(ObjectKey namespace) {
    if (leadership.isLeader() && inFlight.add(namespace)) {
      reconcile(namespace);
    }
  }

  private void reconcile(ObjectKey namespace) {
    if (!leadership.isLeader()) {
      inFlight.remove(namespace);
      return;
    }
    List<ResourceType> types = apiResources.namespaced(namespace.cluster());
    Multi.createFrom()
        .iterable(types)
        .onItem()
        .transformToUniAndConcatenate(t -> deleteAll(t, namespace))
        .collect()
        .asList()
        .map(counts -> counts.stream().mapToInt(Integer::intValue).sum())
        .chain(
            remaining ->
                remaining == 0 ? finalizeNamespace(namespace) : Uni.createFrom().item(false))
        .subscribe()
        .with(
            done -> {
              if (done) {
                inFlight.remove(namespace);
              } else {
                vertx.setTimer(500, id -> reconcile(namespace));
              }
            },
            f -> {
              LOG.debugf("namespace %s not finished: %s", namespace.name(), f.getMessage());
              vertx.setTimer(1000, id -> reconcile(namespace));
            });
  }

  /** Deletes the objects of one type in the namespace; returns how many were there. */
  private Uni<Integer> deleteAll(ResourceType type, ObjectKey namespace) {
    ResourceScope scope =
        new ResourceScope(namespace.cluster(), type.group(), type.plural(), namespace.name());
    return registry.deleteAll(type, scope);
  }

  private Uni<Boolean> finalizeNamespace(ObjectKey namespace) {
    ResourceType type =
        apiResources.byResource(namespace.cluster(), "", "namespaces").orElseThrow();
    return registry
        .update(
            type,
            namespace,
            "finalize",
            0,
            NamespaceController::withoutFinalizer,
            WriteOptions.DEFAULT)
        .replaceWith(true)
        .onFailure(StorageException.NotFound.class)
        .recoverWithItem(true);
  }

  private static ObjectNode withoutFinalizer(ObjectNode namespace) {
    ArrayNode kept = namespace.arrayNode();
    namespace
        .path("spec")
        .path("finalizers")
        .forEach(
            f -> {
              if (!f.asText().equals("kubernetes")) {
                kept.add(f);
              }
            });
    namespace.with("spec").set("finalizers", kept);
    return namespace;
  }
}
