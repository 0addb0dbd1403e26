package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.DeleteOptions;
import dev.atrium.hub.registry.GenericRegistry;
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
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Garbage collection by ownerReferences: dependents of a deleted owner are deleted (background), a
 * foreground-deleting owner waits for its dependents, an orphaning owner releases them.
 */
@ApplicationScoped
public class GarbageCollector {

  static final String FOREGROUND = "foregroundDeletion";
  static final String ORPHAN = "orphan";
  private static final Logger LOG = Logger.getLogger(GarbageCollector.class);

  @Inject GenericRegistry registry;
  @Inject StoreFeeds feeds;
  @Inject ApiResources apiResources;
  @Inject Vertx vertx;
  @Inject dev.atrium.hub.storage.Leadership leadership;

  void start(@Observes StartupEvent event) {
    StoreFeed feed =
        feeds.start(
            ResourceScope.everything(), StoreFeed.Handler.of(items -> {}, this::onChange), false);
    // A new leader replays the last minute of changes: what the old leader may not have finished.
    leadership.onElected(() -> feed.relist(java.time.Duration.ofSeconds(60)));
  }

  private void onChange(WatchEvent event) {
    if (!leadership.isLeader()) {
      return;
    }
    StoredObject object = event.object();
    if (event.type() == WatchEvent.Type.DELETED) {
      ownerGone(object.key().cluster(), ObjectMeta.uid(object.body()));
      recheckOwners(object);
      return;
    }
    if (!ObjectMeta.deleting(object.body())) {
      return;
    }
    List<String> finalizers = ObjectMeta.finalizers(object.body());
    if (finalizers.contains(ORPHAN)) {
      orphan(object);
    } else if (finalizers.contains(FOREGROUND)) {
      foreground(object);
    }
  }

  /** Background: dependents whose only owner is gone are deleted; others lose the reference. */
  private void ownerGone(String cluster, String uid) {
    registry
        .store()
        .dependents(cluster, uid)
        .onItem()
        .transformToMulti(list -> Multi.createFrom().iterable(list))
        .onItem()
        .transformToUniAndConcatenate(d -> releaseOrDelete(d, uid))
        .collect()
        .last()
        .subscribe()
        .with(v -> {}, f -> LOG.debugf("gc of dependents of %s failed: %s", uid, f.getMessage()));
  }

  private Uni<Void> releaseOrDelete(StoredObject dependent, String ownerUid) {
    if (dependent.body().path("metadata").path("ownerReferences").size() > 1) {
      return update(dependent, o -> withoutOwner(o, ownerUid));
    }
    return delete(dependent, null);
  }

  private void foreground(StoredObject owner) {
    String uid = ObjectMeta.uid(owner.body());
    registry
        .store()
        .dependents(owner.key().cluster(), uid)
        .chain(
            dependents ->
                dependents.isEmpty()
                    ? update(owner, o -> withoutFinalizer(o, FOREGROUND))
                    : deleteAll(dependents))
        .subscribe()
        .with(v -> {}, f -> LOG.debugf("foreground deletion of %s: %s", uid, f.getMessage()));
  }

  private void orphan(StoredObject owner) {
    String uid = ObjectMeta.uid(owner.body());
    registry
        .store()
        .dependents(owner.key().cluster(), uid)
        .onItem()
        .transformToMulti(list -> Multi.createFrom().iterable(list))
        .onItem()
        .transformToUniAndConcatenate(d -> update(d, o -> withoutOwner(o, uid)))
        .collect()
        .last()
        .chain(() -> update(owner, o -> withoutFinalizer(o, ORPHAN)))
        .subscribe()
        .with(v -> {}, f -> LOG.debugf("orphaning dependents of %s: %s", uid, f.getMessage()));
  }

  /** A dependent went away: an owner waiting in foreground deletion may now be done. */
  private void recheckOwners(StoredObject dependent) {
    for (JsonNode ref : dependent.body().path("metadata").path("ownerReferences")) {
      Optional<ResourceType> type =
          typeOf(
              dependent.key().cluster(),
              ref.path("apiVersion").asText(),
              ref.path("kind").asText());
      if (type.isEmpty()) {
        continue;
      }
      ObjectKey key =
          new ObjectKey(
              dependent.key().cluster(),
              type.get().group(),
              type.get().plural(),
              type.get().namespaced() ? dependent.key().namespace() : "",
              ref.path("name").asText());
      registry
          .get(key)
          .subscribe()
          .with(
              owner -> {
                if (ObjectMeta.finalizers(owner.body()).contains(FOREGROUND)) {
                  foreground(owner);
                }
              },
              f -> {});
    }
  }

  private Optional<ResourceType> typeOf(String cluster, String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return apiResources.served(cluster).stream()
        .filter(t -> t.group().equals(group) && t.kind().equals(kind))
        .findFirst();
  }

  private Uni<Void> deleteAll(List<StoredObject> dependents) {
    return Multi.createFrom()
        .iterable(dependents)
        .onItem()
        .transformToUniAndConcatenate(d -> delete(d, null))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> delete(StoredObject object, String policy) {
    Optional<ResourceType> type =
        apiResources.byResource(
            object.key().cluster(), object.key().group(), object.key().resource());
    if (type.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return registry
        .delete(type.get(), object.key(), new DeleteOptions(policy, null, null, false))
        .replaceWithVoid()
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull();
  }

  private Uni<Void> update(StoredObject object, UnaryOperator<ObjectNode> change) {
    Optional<ResourceType> type =
        apiResources.byResource(
            object.key().cluster(), object.key().group(), object.key().resource());
    if (type.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return registry
        .update(type.get(), object.key(), "", 0, change, WriteOptions.DEFAULT)
        .replaceWithVoid()
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull();
  }

  private static ObjectNode withoutOwner(ObjectNode object, String uid) {
    ArrayNode kept = object.arrayNode();
    object
        .path("metadata")
        .path("ownerReferences")
        .forEach(
            r -> {
              if (!r.path("uid").asText().equals(uid)) {
                kept.add(r);
              }
            });
    if (kept.isEmpty()) {
      ObjectMeta.of(object).remove("ownerReferences");
    } else {
      ObjectMeta.of(object).set("ownerReferences", kept);
    }
    return object;
  }

  private static ObjectNode withoutFinalizer(ObjectNode object, String finalizer) {
    List<String> finalizers = ObjectMeta.finalizers(object);
    finalizers.remove(finalizer);
    ObjectMeta.setFinalizers(object, finalizers);
    return object;
  }
}
