package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.DeleteOptions;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.LogicalClusters;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.propagation.Propagation;
import dev.atrium.hub.registry.propagation.PropagationIndex;
import dev.atrium.hub.registry.propagation.PropagationIndex.SourceKey;
import dev.atrium.hub.registry.propagation.PropagationIndex.WorkspaceInfo;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.Write;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.tenancy.Tenancy;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Propagation down the workspace tree: every object labelled {@code policy.atrium.dev/propagate:
 * "true"} (of the {@link Propagation#KINDS}) is copied into every descendant workspace its
 * workspace selector selects, kept equal to it, and removed with it. New workspaces get their
 * copies in their initialization (see {@link PropagationIndex#initialCopies}); this controller
 * covers existing workspaces, changes and drift.
 *
 * <p>Feeds: the sources and the copies of each kind (by label), the workspaces (labels, phase) and
 * the namespaces. Steps: a source's fan-out ({@link #reconcileSource}: every descendant compared in
 * memory, the differences written in large write groups, removals as lone deletes), one
 * descendant's name ({@link #reconcileTarget}: a copy edited, deleted or unlabelled by a tenant is
 * put back), a conflict ({@link #conflict}: the descendant's own object is left alone and an Event
 * is written in both workspaces; when that object is deleted the copy goes in). Everything again
 * every {@code atrium.propagation.resync}. A fan-out is planned on a worker thread, not on the
 * change feed's.
 */
@ApplicationScoped
public class PropagationController {

  private static final Logger LOG = Logger.getLogger(PropagationController.class);
  private static final ResourceScope WORKSPACES =
      new ResourceScope(ResourceScope.ALL_CLUSTERS, Tenancy.GROUP, Tenancy.WORKSPACES, "");
  private static final ResourceScope NAMESPACES =
      new ResourceScope(ResourceScope.ALL_CLUSTERS, "", "namespaces", "");
  private static final int MAX_GROUP_BYTES = 4 * 1024 * 1024;
  private static final int DELETES_IN_FLIGHT = 256;

  @Inject GenericRegistry registry;
  @Inject dev.atrium.hub.storage.Leadership leadership;
  @Inject ApiResources apiResources;
  @Inject StoreFeeds feeds;
  @Inject PropagationIndex index;
  @Inject Vertx vertx;

  @ConfigProperty(name = "atrium.propagation.group-size", defaultValue = "1000")
  int groupSize;

  @ConfigProperty(name = "atrium.propagation.resync", defaultValue = "300s")
  Duration resync;

  private final Set<String> listed = ConcurrentHashMap.newKeySet();
  private final int feedCount = 2 + 2 * Propagation.KINDS.size();
  private volatile boolean ready;
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final Map<String, Supplier<Uni<?>>> pending = new ConcurrentHashMap<>();

  /** Descendant objects found in the way of a source (target → source), reported once each. */
  private final Map<ObjectKey, SourceKey> conflicts = new ConcurrentHashMap<>();

  private long timer = -1;

  void start(@Observes StartupEvent event) {
    leadership.onElected(this::reconcileAll);
    feeds.start(WORKSPACES, StoreFeed.Handler.of(this::resetWorkspaces, this::onWorkspace), true);
    feeds.start(NAMESPACES, StoreFeed.Handler.of(this::resetNamespaces, this::onNamespace), true);
    for (int i = 0; i < Propagation.KINDS.size(); i++) {
      int kind = i;
      Propagation.Kind k = Propagation.KINDS.get(i);
      ResourceScope scope =
          new ResourceScope(ResourceScope.ALL_CLUSTERS, k.group(), k.plural(), "");
      feeds.start(
          scope,
          Propagation.selection(Propagation.SOURCES),
          StoreFeed.Handler.of(items -> resetSources(kind, items), this::onSource),
          true);
      feeds.start(
          scope,
          Propagation.selection(Propagation.COPIES),
          StoreFeed.Handler.of(items -> resetCopies(k, items), this::onCopy),
          true);
      // every change of the kind, from now on, only to see a conflicting object go
      feeds.start(scope, StoreFeed.Handler.of(items -> {}, this::onAny), false);
    }
    timer = vertx.setPeriodic(resync.toMillis(), id -> reconcileAll());
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  // --- feeds ---------------------------------------------------------------------------------

  private void listedOnce(String feed) {
    if (listed.add(feed) && listed.size() == feedCount) {
      ready = true;
    }
    if (ready) {
      reconcileAll();
    }
  }

  private void resetWorkspaces(List<StoredObject> items) {
    Map<String, WorkspaceInfo> all = new HashMap<>();
    items.forEach(ws -> all.put(WorkspaceController.childPath(ws.key()), info(ws.body())));
    index.resetWorkspaces(all);
    listedOnce("workspaces");
  }

  private static WorkspaceInfo info(ObjectNode ws) {
    String phase = LogicalClusters.phaseOf(ws);
    return new WorkspaceInfo(
        LabelSelector.labelsOf(ws),
        phase.equals(Tenancy.PHASE_READY),
        ObjectMeta.deleting(ws) || phase.equals(Tenancy.PHASE_TERMINATING));
  }

  private void onWorkspace(WatchEvent event) {
    String path = WorkspaceController.childPath(event.object().key());
    if (event.type() == WatchEvent.Type.DELETED) {
      index.removeWorkspace(path);
      return;
    }
    WorkspaceInfo before = index.workspace(path);
    WorkspaceInfo now = info(event.object().body());
    index.putWorkspace(path, now);
    // A workspace gets its copies in its initialization; once Ready (and whenever its labels
    // change) it is compared with its ancestors' sources, which may have changed meanwhile.
    boolean becameReady = now.ready() && (before == null || !before.ready());
    boolean relabelled = before != null && !before.labels().equals(now.labels());
    if (ready && now.ready() && !now.terminating() && (becameReady || relabelled)) {
      reconcileWorkspace(path);
    }
  }

  private void resetNamespaces(List<StoredObject> items) {
    Set<String> active = new HashSet<>();
    items.stream()
        .filter(ns -> !ObjectMeta.deleting(ns.body()))
        .forEach(ns -> active.add(ns.key().cluster() + "/" + ns.key().name()));
    index.resetNamespaces(active);
    listedOnce("namespaces");
  }

  private void onNamespace(WatchEvent event) {
    ObjectKey key = event.object().key();
    boolean active =
        event.type() != WatchEvent.Type.DELETED && !ObjectMeta.deleting(event.object().body());
    boolean was = index.namespaceActive(key.cluster(), key.name());
    index.setNamespace(key.cluster(), key.name(), active);
    WorkspaceInfo ws = index.workspace(key.cluster());
    if (ready && active && !was && ws != null && ws.ready() && !ws.terminating()) {
      for (String ancestor : Propagation.ancestors(key.cluster())) {
        for (SourceKey s : index.sourcesAt(ancestor)) {
          if (s.kindInfo().namespaced() && s.namespace().equals(key.name())) {
            reconcileTarget(s.target(key.cluster()), null);
          }
        }
      }
    }
  }

  private void resetSources(int kind, List<StoredObject> items) {
    index.resetSources(kind, items);
    listedOnce("sources/" + kind);
  }

  private void onSource(WatchEvent event) {
    SourceKey key = SourceKey.of(event.object().key());
    if (event.type() == WatchEvent.Type.DELETED || !Propagation.isSource(event.object().body())) {
      index.removeSource(key);
    } else {
      index.putSource(event.object());
    }
    if (ready) {
      reconcileSource(key);
    }
  }

  private void resetCopies(Propagation.Kind kind, List<StoredObject> items) {
    index.resetCopies(kind.group(), kind.plural(), items);
    listedOnce("copies/" + kind.plural());
  }

  private void onCopy(WatchEvent event) {
    StoredObject copy = event.object();
    ObjectKey key = copy.key();
    if (event.type() != WatchEvent.Type.DELETED) {
      index.putCopy(copy);
      // most events are this controller's own writes (or a new workspace's initialization):
      // compared in place, without a step
      if (ready && !index.upToDate(copy)) {
        reconcileTarget(key, null);
      }
      return;
    }
    index.removeCopy(key);
    if (!ready) {
      return;
    }
    // Gone, or still there without its origin label: either way it is put back while a source
    // wants it there; an object that was a copy does not become the tenant's.
    reconcileTarget(key, Propagation.isCopy(copy.body()) ? null : copy);
  }

  /** A descendant's own object that was in the way is gone: the copy can go in now. */
  private void onAny(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED
        && !conflicts.isEmpty()
        && conflicts.remove(event.object().key()) != null
        && ready) {
      reconcileTarget(event.object().key(), null);
    }
  }

  // --- steps ---------------------------------------------------------------------------------

  /** Everything compared again, on a worker thread (100,000s of copies take a while). */
  private void reconcileAll() {
    if (!ready) {
      return;
    }
    Infrastructure.getDefaultWorkerPool().execute(this::compareAll);
  }

  private void compareAll() {
    index.sourceKeys().forEach(this::reconcileSource);
    for (StoredObject copy : index.allCopies()) {
      SourceKey name = SourceKey.of(copy.key());
      if (index.chosen(copy.key().cluster(), name).isEmpty()) {
        reconcileTarget(copy.key(), null);
      }
    }
  }

  /** A new or relabelled workspace against every source of its ancestors. */
  private void reconcileWorkspace(String path) {
    Set<SourceKey> names = new HashSet<>();
    for (String ancestor : Propagation.ancestors(path)) {
      index.sourcesAt(ancestor).forEach(s -> names.add(s.at(path)));
    }
    index.copiesIn(path).forEach(c -> names.add(SourceKey.of(c.key())));
    for (SourceKey n : names) {
      StoredObject copy = index.copy(n.target(path));
      if (copy == null || !index.upToDate(copy)) {
        reconcileTarget(n.target(path), null);
      }
    }
  }

  /**
   * One source against every descendant: copies created or put back in write groups of up to {@code
   * atrium.propagation.group-size}, copies of this source that no source wants any more deleted. A
   * descendant another (nearer) source decides is that source's business.
   */
  private void reconcileSource(SourceKey key) {
    once(
        "source/" + key,
        () ->
            Uni.createFrom()
                .deferred(() -> fanOut(key))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
  }

  private Uni<?> fanOut(SourceKey key) {
    StoredObject source = index.source(key);
    String origin = Propagation.origin(key.cluster());
    ObjectNode desired = source == null ? null : index.desired(source);
    List<Write> writes = new ArrayList<>();
    List<ObjectKey> deletes = new ArrayList<>();
    Set<SourceKey> others = new HashSet<>();
    Propagation.Kind kind = key.kindInfo();
    ResourceType type = null;
    for (Map.Entry<String, WorkspaceInfo> ws : index.descendants(key.cluster()).entrySet()) {
      String path = ws.getKey();
      if (ws.getValue().terminating()) {
        continue;
      }
      ObjectKey target = key.target(path);
      StoredObject existing = index.copy(target);
      Optional<StoredObject> chosen =
          kind.namespaced() && !index.namespaceActive(path, key.namespace())
              ? Optional.empty()
              : index.chosen(path, key.at(path));
      if (chosen.isPresent() && source != null && chosen.get().key().equals(source.key())) {
        switch (Propagation.decide(existing == null ? null : existing.body(), desired)) {
          case CREATE -> index.plan(target, desired.deepCopy()).ifPresent(writes::add);
          case UPDATE -> {
            if (type == null) {
              type = typeOf(target).orElse(null);
            }
            Write w = updateOf(type, existing, desired);
            if (w != null) {
              writes.add(w);
            }
          }
          default -> {}
        }
      } else if (existing != null && Propagation.originOf(existing.body()).equals(origin)) {
        if (chosen.isEmpty()) {
          deletes.add(target);
        } else {
          others.add(SourceKey.of(chosen.get().key()));
        }
      }
    }
    others.forEach(this::reconcileSource);
    if (writes.isEmpty() && deletes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    LOG.debugf("propagation %s: %d writes, %d deletes", key, writes.size(), deletes.size());
    return writeGroups(key, writes).chain(() -> deleteAll(deletes));
  }

  private Write updateOf(ResourceType type, StoredObject existing, ObjectNode desired) {
    if (type == null) {
      return null;
    }
    try {
      ObjectNode next =
          registry.planUpdate(
              type, existing, "", c -> Propagation.restore(c, desired), PropagationIndex.OPTIONS);
      return next == null ? null : Write.update(existing.key(), next, 0);
    } catch (RuntimeException e) {
      LOG.debugf("copy %s not updated: %s", existing.key(), e.getMessage());
      return null;
    }
  }

  /**
   * The writes in groups (all-or-nothing transactions of many copies each); a group that fails
   * (e.g. a copy deleted meanwhile) is written again one write at a time.
   */
  private Uni<Void> writeGroups(SourceKey source, List<Write> writes) {
    List<List<Write>> groups = new ArrayList<>();
    List<Write> current = new ArrayList<>();
    int bytes = 0;
    for (Write w : writes) {
      int size = w.body().toString().length();
      if (!current.isEmpty() && (current.size() >= groupSize || bytes + size > MAX_GROUP_BYTES)) {
        groups.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(w);
      bytes += size;
    }
    if (!current.isEmpty()) {
      groups.add(current);
    }
    return Multi.createFrom()
        .iterable(groups)
        .onItem()
        .transformToUni(group -> writeGroup(source, group))
        .merge(2)
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> writeGroup(SourceKey source, List<Write> group) {
    return registry
        .writeAll(group)
        .invoke(results -> written(source, group, results))
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            f ->
                Multi.createFrom()
                    .iterable(group)
                    .onItem()
                    .transformToUni(w -> writeOne(source, w))
                    .merge(DELETES_IN_FLIGHT)
                    .collect()
                    .last()
                    .replaceWithVoid());
  }

  private Uni<Void> writeOne(SourceKey source, Write w) {
    return registry
        .writeAll(List.of(w))
        .invoke(results -> written(source, List.of(w), results))
        .replaceWithVoid()
        .onFailure()
        .recoverWithItem(
            f -> {
              LOG.debugf("copy %s: %s", w.key(), f.getMessage());
              return null;
            });
  }

  private void written(SourceKey source, List<Write> group, List<StoredObject> results) {
    for (int i = 0; i < group.size(); i++) {
      StoredObject result = results.get(i);
      ObjectKey target = group.get(i).key();
      if (result != null) {
        index.putCopy(result);
        conflicts.remove(target);
      } else {
        // create-if-absent found something there that this index does not hold as a copy
        inTheWay(source, target);
      }
    }
  }

  private void inTheWay(SourceKey source, ObjectKey target) {
    registry
        .get(target)
        .subscribe()
        .with(
            o -> {
              if (Propagation.isCopy(o.body())) {
                index.putCopy(o);
                reconcileTarget(target, null);
              } else {
                conflict(source, target);
              }
            },
            f -> {});
  }

  private Uni<Void> deleteAll(List<ObjectKey> deletes) {
    if (deletes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(deletes)
        .onItem()
        .transformToUni(this::deleteCopy)
        .merge(DELETES_IN_FLIGHT)
        .collect()
        .last()
        .replaceWithVoid();
  }

  /** Deletes a copy as a client would (a CRD copy goes through its clean-up finalizer). */
  private Uni<Void> deleteCopy(ObjectKey target) {
    return typeOf(target)
        .map(
            t ->
                registry
                    .delete(t, target, DeleteOptions.DEFAULT)
                    .invoke(r -> index.removeCopy(target))
                    .replaceWithVoid()
                    .onFailure()
                    .recoverWithItem(
                        f -> {
                          LOG.debugf("copy %s not deleted: %s", target, f.getMessage());
                          return null;
                        }))
        .orElseGet(() -> Uni.createFrom().voidItem());
  }

  /**
   * One name in one descendant: what its deciding source wants there. {@code formerCopy}: the
   * object as it is now when it was a copy a moment ago (its origin label removed), so it is put
   * back rather than taken for the tenant's own.
   */
  private void reconcileTarget(ObjectKey target, StoredObject formerCopy) {
    once("target/" + target, () -> fix(target, formerCopy));
  }

  private Uni<?> fix(ObjectKey target, StoredObject formerCopy) {
    WorkspaceInfo ws = index.workspace(target.cluster());
    SourceKey name = SourceKey.of(target);
    if (ws == null || ws.terminating() || name.kind() < 0) {
      return Uni.createFrom().voidItem();
    }
    Propagation.Kind kind = name.kindInfo();
    StoredObject existing = formerCopy != null ? formerCopy : index.copy(target);
    Optional<StoredObject> chosen =
        kind.namespaced() && !index.namespaceActive(target.cluster(), target.namespace())
            ? Optional.empty()
            : index.chosen(target.cluster(), name);
    if (chosen.isEmpty()) {
      return existing != null && formerCopy == null ? deleteCopy(target) : Uni.createFrom().item(0);
    }
    SourceKey source = SourceKey.of(chosen.get().key());
    ObjectNode desired = index.desired(chosen.get());
    Propagation.Action action =
        formerCopy != null
            ? (Propagation.sameAsCopy(formerCopy.body(), desired)
                ? Propagation.Action.NONE
                : Propagation.Action.UPDATE)
            : Propagation.decide(existing == null ? null : existing.body(), desired);
    Write write =
        switch (action) {
          case CREATE -> index.plan(target, desired.deepCopy()).orElse(null);
          case UPDATE -> updateOf(typeOf(target).orElse(null), existing, desired);
          default -> null;
        };
    return write == null ? Uni.createFrom().voidItem() : writeOne(source, write);
  }

  /**
   * The descendant's own object is in the way of {@code source}: left alone, and reported by a
   * Warning Event {@code PropagationConflict} in the descendant (the object's namespace, or {@code
   * default}) and in the source's workspace (likewise), once per (source, descendant).
   */
  private void conflict(SourceKey source, ObjectKey target) {
    if (source.equals(conflicts.put(target, source))) {
      return;
    }
    Propagation.Kind kind = source.kindInfo();
    String what =
        kind.kind()
            + " "
            + (target.namespace().isEmpty() ? "" : target.namespace() + "/")
            + target.name();
    LOG.infof(
        "propagation: %s of %s not copied into %s, which has its own",
        what, source.cluster(), target.cluster());
    String now = ObjectMeta.now();
    ObjectKey sourceObject = source.target(source.cluster());
    event(
        target.cluster(),
        Propagation.conflictEvent(
            eventNamespace(target),
            kind,
            target,
            source.cluster(),
            target,
            "the workspace's own "
                + what
                + " is in the way of the one propagated from "
                + source.cluster()
                + "; it is left as it is",
            now));
    event(
        source.cluster(),
        Propagation.conflictEvent(
            eventNamespace(sourceObject),
            kind,
            sourceObject,
            source.cluster(),
            target,
            what + " not propagated into " + target.cluster() + ", which has its own",
            now));
  }

  private static String eventNamespace(ObjectKey about) {
    return about.namespace().isEmpty() ? "default" : about.namespace();
  }

  private void event(String cluster, ObjectNode event) {
    String namespace = event.path("metadata").path("namespace").asText();
    if (!index.namespaceActive(cluster, namespace)) {
      return;
    }
    ObjectKey key = new ObjectKey(cluster, "", "events", namespace, ObjectMeta.name(event));
    index
        .plan(key, event)
        .ifPresent(
            w ->
                registry
                    .writeAll(List.of(w))
                    .subscribe()
                    .with(r -> {}, f -> LOG.debugf("event %s: %s", key, f.getMessage())));
  }

  // --- helpers -------------------------------------------------------------------------------

  private Optional<ResourceType> typeOf(ObjectKey key) {
    return apiResources.byResource(key.cluster(), key.group(), key.resource());
  }

  /** Runs {@code work} now, or once more right after the same step still running finishes. */
  private void once(String id, Supplier<Uni<?>> work) {
    if (!leadership.isLeader()) {
      return;
    }
    if (!busy.add(id)) {
      pending.put(id, work);
      return;
    }
    Uni<?> uni;
    try {
      uni = work.get();
    } catch (RuntimeException e) {
      LOG.warnf("propagation %s failed: %s", id, e.getMessage());
      done(id);
      return;
    }
    uni.subscribe()
        .with(
            v -> done(id),
            f -> {
              LOG.warnf("propagation %s failed: %s", id, f.getMessage());
              done(id);
            });
  }

  private void done(String id) {
    busy.remove(id);
    Supplier<Uni<?>> next = pending.remove(id);
    if (next != null) {
      once(id, next);
    }
  }
}
