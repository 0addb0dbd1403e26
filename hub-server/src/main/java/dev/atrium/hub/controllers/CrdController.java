package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.registry.crd.CrdNaming;
import dev.atrium.hub.registry.crd.CrdRegistry;
import dev.atrium.hub.registry.crd.CrdStrategy;
import dev.atrium.hub.registry.crd.CrdTypes;
import dev.atrium.hub.registry.crd.CrdVersion;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.model.catalog.ResourceType;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The CRD lifecycle: sets acceptedNames, NamesAccepted and Established on new and changed CRDs; on
 * deletion removes every object of the CRD in its logical cluster, then the cleanup finalizer.
 */
@ApplicationScoped
public class CrdController {

  private static final Logger LOG = Logger.getLogger(CrdController.class);
  private static final String GROUP = "apiextensions.k8s.io";
  private static final String RESOURCE = "customresourcedefinitions";
  private static final ResourceScope CRDS =
      new ResourceScope(ResourceScope.ALL_CLUSTERS, GROUP, RESOURCE, "");

  @Inject GenericRegistry registry;
  @Inject StoreFeeds feeds;
  @Inject ApiResources apiResources;
  @Inject CrdRegistry crds;
  @Inject Vertx vertx;
  @Inject dev.atrium.hub.storage.Leadership leadership;

  private final Set<ObjectKey> cleaning = ConcurrentHashMap.newKeySet();

  void start(@Observes StartupEvent event) {
    StoreFeed feed =
        feeds.start(
            CRDS, StoreFeed.Handler.of(items -> items.forEach(this::handle), this::onChange), true);
    leadership.onElected(() -> feed.relist(java.time.Duration.ZERO));
  }

  private void onChange(WatchEvent event) {
    if (event.type() != WatchEvent.Type.DELETED) {
      handle(event.object());
    }
  }

  private void handle(StoredObject crd) {
    if (!leadership.isLeader()) {
      return;
    }
    if (ObjectMeta.deleting(crd.body())) {
      if (ObjectMeta.finalizers(crd.body()).contains(CrdStrategy.CLEANUP_FINALIZER)
          && cleaning.add(crd.key())) {
        cleanup(crd.key());
      }
    } else if (!Objects.equals(
        desiredStatus(crd.key(), crd.copyBody()), crd.body().get("status"))) {
      updateStatus(crd.key());
    }
  }

  private Object desiredStatus(ObjectKey key, ObjectNode crd) {
    return CrdNaming.reconcile(crd, crds.definitions(key.cluster())).get("status");
  }

  private void updateStatus(ObjectKey key) {
    registry
        .update(
            crdType(key),
            key,
            "status",
            0,
            crd -> CrdNaming.reconcile(crd, crds.definitions(key.cluster())),
            WriteOptions.DEFAULT)
        .subscribe()
        .with(
            o -> {},
            f -> {
              if (!(f instanceof StorageException.NotFound)) {
                LOG.warnf("CRD %s status not updated: %s", key.name(), f.getMessage());
              }
            });
  }

  private ResourceType crdType(ObjectKey key) {
    return apiResources.byResource(key.cluster(), GROUP, RESOURCE).orElseThrow();
  }

  /** Deletes the CRD's objects; when none are left, removes the finalizer (the CRD goes). */
  private void cleanup(ObjectKey key) {
    if (!leadership.isLeader()) {
      cleaning.remove(key);
      return;
    }
    registry
        .get(key)
        .chain(crd -> deleteObjects(key.cluster(), crd.body()))
        .chain(remaining -> remaining == 0 ? release(key) : Uni.createFrom().item(false))
        .subscribe()
        .with(
            done -> {
              if (done) {
                cleaning.remove(key);
              } else {
                vertx.setTimer(500, id -> cleanup(key));
              }
            },
            f -> {
              if (f instanceof StorageException.NotFound) {
                cleaning.remove(key);
              } else {
                LOG.debugf("CRD %s cleanup not finished: %s", key.name(), f.getMessage());
                vertx.setTimer(1000, id -> cleanup(key));
              }
            });
  }

  /** Deletes every object of the CRD in the cluster; returns how many there were. */
  private Uni<Integer> deleteObjects(String cluster, ObjectNode crd) {
    CrdVersion storage = CrdTypes.storage(crd).orElse(null);
    if (storage == null) {
      return Uni.createFrom().item(0);
    }
    ResourceType type = storage.type();
    ResourceScope scope = new ResourceScope(cluster, type.group(), type.plural(), "");
    return registry.deleteAll(type, scope);
  }

  private Uni<Boolean> release(ObjectKey key) {
    return registry
        .update(crdType(key), key, "", 0, CrdController::withoutFinalizer, WriteOptions.DEFAULT)
        .replaceWith(true)
        .onFailure(StorageException.NotFound.class)
        .recoverWithItem(true);
  }

  private static ObjectNode withoutFinalizer(ObjectNode crd) {
    List<String> finalizers = ObjectMeta.finalizers(crd);
    finalizers.remove(CrdStrategy.CLEANUP_FINALIZER);
    ObjectMeta.setFinalizers(crd, finalizers);
    return crd;
  }
}
