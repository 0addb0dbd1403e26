package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.registry.sync.Conditions;
import dev.atrium.hub.registry.sync.PlacementIndex;
import dev.atrium.hub.registry.sync.PlacementPolicy;
import dev.atrium.hub.registry.sync.SyncTargetIndex;
import dev.atrium.hub.storage.ListRequest;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.hub.storage.selection.Selection;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.workload.Placement;
import dev.atrium.model.workload.PlacementSpec;
import dev.atrium.model.workload.PlacementStatus;
import dev.atrium.model.workload.Workload;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Placements: choose SyncTargets for a workspace's selected namespaces ({@link PlacementPolicy}),
 * record the decision in status and in {@link PlacementIndex} (which labels new objects at
 * creation), then label the objects already in those namespaces. Steps per placement: candidates,
 * choose, record, relabel the workspace. Also every {@code atrium.placement.resync} (target health,
 * target labels and namespace labels change without a placement event).
 */
@ApplicationScoped
public class PlacementController {

  private static final Logger LOG = Logger.getLogger(PlacementController.class);
  private static final ResourceScope PLACEMENTS =
      new ResourceScope(ResourceScope.ALL_CLUSTERS, Workload.GROUP, Workload.PLACEMENTS, "");
  private static final String MANAGER = "atrium-placement-controller";

  @Inject GenericRegistry registry;
  @Inject ApiResources apiResources;
  @Inject StoreFeeds feeds;
  @Inject SyncTargetIndex targets;
  @Inject PlacementIndex index;
  @Inject Vertx vertx;
  @Inject dev.atrium.hub.storage.Leadership leadership;

  @ConfigProperty(name = "atrium.placement.resync", defaultValue = "5s")
  Duration resync;

  @ConfigProperty(name = "atrium.placement.failover-after", defaultValue = "300s")
  Duration defaultFailoverAfter;

  private static final PlacementSpec EMPTY_SPEC = new PlacementSpec(null, null, null, null, null);

  private final Map<ObjectKey, StoredObject> placements = new ConcurrentHashMap<>();

  /** (workspace/namespace) → the keys its objects were last labelled for. */
  private final Map<String, Set<String>> applied = new ConcurrentHashMap<>();

  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private long timer = -1;

  void start(@Observes StartupEvent event) {
    StoreFeed feed =
        feeds.start(PLACEMENTS, StoreFeed.Handler.of(this::reset, this::onChange), true);
    leadership.onElected(() -> feed.relist(Duration.ZERO));
    timer =
        vertx.setPeriodic(resync.toMillis(), id -> placements.values().forEach(this::reconcile));
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void reset(List<StoredObject> items) {
    placements.clear();
    items.forEach(p -> placements.put(p.key(), p));
    items.forEach(this::reconcile);
  }

  private void onChange(WatchEvent event) {
    StoredObject p = event.object();
    if (event.type() == WatchEvent.Type.DELETED) {
      placements.remove(p.key());
      index.remove(p.key().cluster(), p.key().name());
      relabel(p.key().cluster());
      return;
    }
    placements.put(p.key(), p);
    reconcile(p);
  }

  // --- decide --------------------------------------------------------------------------------

  private void reconcile(StoredObject placement) {
    String workspace = placement.key().cluster();
    ObjectNode body = placement.body();
    Placement typed = ModelJson.tryRead(body, Placement.class).orElse(Placement.named("", null));
    PlacementSpec spec = typed.spec() == null ? EMPTY_SPEC : typed.spec();
    List<PlacementPolicy.Candidate> candidates = candidates(workspace, spec);
    List<String> previous = new ArrayList<>();
    if (typed.status() != null && typed.status().selectedTargets() != null) {
      typed.status().selectedTargets().forEach(t -> previous.add(t.key()));
    }
    PlacementSpec.Failover failover =
        spec.failover() == null ? new PlacementSpec.Failover(null, null) : spec.failover();
    List<String> chosen =
        PlacementPolicy.choose(
            new PlacementPolicy.Request(
                ObjectMeta.uid(body),
                candidates,
                previous,
                spec.numberOfClusters(),
                failover.enabled() == null || failover.enabled(),
                failover.afterSeconds() != null
                    ? Duration.ofSeconds(failover.afterSeconds())
                    : defaultFailoverAfter,
                Instant.now()));
    LabelSelector namespaces =
        spec.namespaceSelector() != null
            ? selector(spec.namespaceSelector())
            : LabelSelector.EVERYTHING;
    index.put(workspace, new PlacementIndex.Decision(placement.key().name(), namespaces, chosen));
    once(
        "status/" + placement.key(),
        recordDecision(placement, chosen, candidates.size(), spec).replaceWithVoid());
    relabel(workspace);
  }

  /** Targets serving {@code workspace} that match one of the location selectors (none = all). */
  private List<PlacementPolicy.Candidate> candidates(String workspace, PlacementSpec spec) {
    List<LabelSelector> selectors = new ArrayList<>();
    if (spec.locationSelectors() != null) {
      spec.locationSelectors().forEach(s -> selectors.add(selector(s)));
    }
    List<PlacementPolicy.Candidate> out = new ArrayList<>();
    for (SyncTargetIndex.Target t : targets.all()) {
      ObjectNode target = t.object().body();
      var labels = LabelSelector.labelsOf(target);
      boolean matches = selectors.isEmpty() || selectors.stream().anyMatch(s -> s.matches(labels));
      if (t.serves(workspace) && !t.deleting() && matches) {
        out.add(candidate(t.key(), target));
      }
    }
    return out;
  }

  /** The storage layer's selector of a model selector. */
  private static LabelSelector selector(dev.atrium.model.meta.LabelSelector selector) {
    return LabelSelector.fromLabelSelectorJson(ModelJson.tree(selector));
  }

  static PlacementPolicy.Candidate candidate(String key, ObjectNode target) {
    for (JsonNode c : target.path("status").path("conditions")) {
      if (Workload.CONDITION_HEARTBEAT.equals(c.path("type").asText())) {
        boolean healthy = "True".equals(c.path("status").asText());
        String since = c.path("lastTransitionTime").asText("");
        return new PlacementPolicy.Candidate(
            key, healthy, healthy || since.isEmpty() ? null : Instant.parse(since));
      }
    }
    return new PlacementPolicy.Candidate(key, false, null);
  }

  private Uni<StoredObject> recordDecision(
      StoredObject placement, List<String> chosen, int candidates, PlacementSpec spec) {
    return registry
        .updateKnown(
            type(Workload.PLACEMENTS),
            placement,
            "status",
            o -> {
              PlacementStatus before = ModelJson.read(o.path("status"), PlacementStatus.class);
              List<PlacementStatus.SelectedTarget> selected = new ArrayList<>();
              for (String key : chosen) {
                targets
                    .byKey(key)
                    .ifPresent(
                        t ->
                            selected.add(
                                new PlacementStatus.SelectedTarget(key, t.workspace(), t.name())));
              }
              ObjectNode status =
                  ModelJson.tree(
                      new PlacementStatus(
                          selected,
                          before == null ? null : before.conditions(),
                          before == null ? null : before.extra()));
              o.set("status", status);
              int wanted =
                  spec.numberOfClusters() != null
                      ? spec.numberOfClusters()
                      : Math.max(1, candidates);
              boolean ready =
                  !chosen.isEmpty() && chosen.size() >= Math.min(wanted, Math.max(1, wanted));
              Conditions.set(
                  status,
                  "Ready",
                  ready ? "True" : "False",
                  chosen.isEmpty() ? "NoMatchingTargets" : ready ? "Placed" : "NotEnoughTargets",
                  chosen.size()
                      + " of "
                      + wanted
                      + " targets chosen from "
                      + candidates
                      + " candidates",
                  ObjectMeta.now());
              return o;
            },
            new WriteOptions(false, MANAGER))
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull();
  }

  // --- label ---------------------------------------------------------------------------------

  /** Brings every namespace of {@code workspace} to the keys the Placements want for it. */
  private void relabel(String workspace) {
    once(
        "relabel/" + workspace,
        list(new ResourceScope(workspace, "", "namespaces", ""))
            .onItem()
            .transformToMulti(Multi.createFrom()::iterable)
            .onItem()
            .transformToUniAndConcatenate(ns -> relabelNamespace(workspace, ns))
            .collect()
            .asList());
  }

  private Uni<Void> relabelNamespace(String workspace, StoredObject namespace) {
    String name = namespace.key().name();
    Set<String> keys = index.keysFor(workspace, LabelSelector.labelsOf(namespace.body()));
    String id = workspace + "/" + name;
    if (keys.equals(applied.get(id))) {
      return Uni.createFrom().voidItem();
    }
    return list(new ResourceScope(workspace, ResourceScope.ANY, ResourceScope.ANY, name))
        .onItem()
        .transformToMulti(Multi.createFrom()::iterable)
        .filter(o -> PlacementIndex.placeable(o.key().group(), o.key().resource(), o.body()))
        .filter(o -> PlacementIndex.label(o.copyBody(), keys))
        .onItem()
        .transformToUniAndConcatenate(o -> label(o, keys))
        .collect()
        .asList()
        .invoke(() -> applied.put(id, keys))
        .replaceWithVoid();
  }

  private Uni<StoredObject> label(StoredObject object, Set<String> keys) {
    ObjectKey key = object.key();
    return apiResources
        .byResource(key.cluster(), key.group(), key.resource())
        .map(
            t ->
                registry
                    .updateKnown(
                        t,
                        object,
                        "",
                        o -> {
                          PlacementIndex.label(o, keys);
                          return o;
                        },
                        new WriteOptions(false, MANAGER))
                    .onFailure(StorageException.NotFound.class)
                    .recoverWithNull())
        .orElseGet(() -> Uni.createFrom().nullItem());
  }

  // --- helpers -------------------------------------------------------------------------------

  private Uni<List<StoredObject>> list(ResourceScope scope) {
    return registry
        .list(new ListRequest(scope, Selection.everything(), 0, null, 0))
        .map(page -> page.items());
  }

  /** Runs {@code work} now, or once more right after the same step still running finishes. */
  private void once(String id, Uni<?> work) {
    if (!leadership.isLeader()) {
      return;
    }
    if (!busy.add(id)) {
      pending.add(id);
      return;
    }
    work.subscribe()
        .with(
            v -> done(id, work),
            f -> {
              LOG.warnf("placement %s failed: %s", id, f.getMessage());
              done(id, work);
            });
  }

  private void done(String id, Uni<?> work) {
    busy.remove(id);
    if (pending.remove(id)) {
      once(id, work);
    }
  }

  private ResourceType type(String resource) {
    return apiResources.byResource("root", Workload.GROUP, resource).orElseThrow();
  }
}
