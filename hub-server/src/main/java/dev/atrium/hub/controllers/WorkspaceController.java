package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.LogicalClusters;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.WorkspaceTypes;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.registry.propagation.PropagationIndex;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.Write;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.meta.Condition;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.Workspace;
import dev.atrium.model.tenancy.WorkspaceSpec;
import dev.atrium.model.tenancy.WorkspaceStatus;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Workspace lifecycle. Scheduling → Initializing (system namespaces, initializers such as default
 * RBAC, the creator's cluster-admin binding) → Ready with status.URL. A deleted workspace goes
 * Terminating, its logical cluster and whole subtree are deleted, then its finalizer is released.
 */
@ApplicationScoped
public class WorkspaceController {

  private static final Logger LOG = Logger.getLogger(WorkspaceController.class);
  private static final ResourceScope WORKSPACES =
      new ResourceScope(ResourceScope.ALL_CLUSTERS, Tenancy.GROUP, Tenancy.WORKSPACES, "");

  @Inject GenericRegistry registry;
  @Inject StoreFeeds feeds;
  @Inject ApiResources apiResources;
  @Inject LogicalClusters clusters;
  @Inject WorkspaceTypes workspaceTypes;
  @Inject SystemNamespaces systemNamespaces;
  @Inject BuiltinWorkspaceTypes builtinTypes;
  @Inject Instance<WorkspaceInitializer> initializers;
  @Inject PropagationIndex propagation;
  @Inject Vertx vertx;
  @Inject dev.atrium.hub.storage.Leadership leadership;

  @ConfigProperty(name = "atrium.external-url", defaultValue = "https://127.0.0.1:6443")
  String externalUrl;

  private static final String OWNER_BINDING = "workspace-owner";
  private static final int UPDATE_ATTEMPTS = 5;

  private final ReconcileGate gate = new ReconcileGate();

  void start(@Observes StartupEvent event) {
    builtinTypes.ensure().subscribe().with(v -> {}, f -> LOG.warn("workspace types", f));
    StoreFeed feed =
        feeds.start(
            WORKSPACES,
            StoreFeed.Handler.of(items -> items.forEach(this::existing), this::onChange),
            true);
    leadership.onElected(() -> feed.relist(java.time.Duration.ZERO));
  }

  private void onChange(WatchEvent event) {
    StoredObject ws = event.object();
    String path = childPath(ws.key());
    if (event.type() == WatchEvent.Type.DELETED) {
      gate.forget(ws.key());
      clusters.forget(path);
      return;
    }
    gate.seen(ws.key(), ws.revision());
    clusters.observe(path, ws.body());
    reconcile(ws);
  }

  /** A workspace found by a (re)list: index it and finish whatever it is in the middle of. */
  private void existing(StoredObject ws) {
    clusters.observe(childPath(ws.key()), ws.body());
    reconcile(ws);
  }

  static String childPath(ObjectKey workspace) {
    return workspace.cluster() + ":" + workspace.name();
  }

  private void reconcile(StoredObject ws) {
    boolean deleting = ObjectMeta.deleting(ws.body());
    String phase = LogicalClusters.phaseOf(ws.body());
    if (!deleting && phase.equals(Tenancy.PHASE_READY) || !leadership.isLeader()) {
      return;
    }
    if (!gate.tryStart(ws.key(), ws.revision())) {
      return;
    }
    Uni<Long> work = deleting ? terminate(ws) : initialize(ws);
    work.subscribe()
        .with(
            written -> gate.finished(ws.key(), written),
            f -> {
              gate.forget(ws.key());
              LOG.debugf("workspace %s: %s; retrying", ws.key().name(), f.getMessage());
              vertx.setTimer(
                  1000, id -> registry.get(ws.key()).subscribe().with(this::reconcile, x -> {}));
            });
  }

  /**
   * One transaction: Initializing, the initial objects (the namespaces the type lists in {@code
   * spec.initialNamespaces}, default {@code default}; the initializers' objects; the creator's
   * binding; the copies of the policies it inherits; each created unless it exists), then Ready.
   * Watchers see both status changes, and a workspace is never Ready without its objects.
   */
  private Uni<Long> initialize(StoredObject ws) {
    String path = childPath(ws.key());
    return initialNamespaces(ws)
        .map(namespaces -> initialObjects(path, ws.body(), namespaces))
        .chain(objects -> writeInitialized(ws, objects, path, 0))
        .invoke(written -> clusters.observe(path, written.body()))
        .map(StoredObject::revision);
  }

  private List<Write> initialObjects(String path, ObjectNode workspace, List<String> namespaces) {
    List<Write> objects = new ArrayList<>(systemNamespaces.plan(path, namespaces));
    initializers.forEach(step -> objects.addAll(step.initialObjects(path, workspace)));
    ownerBinding(path, workspace).ifPresent(objects::add);
    objects.addAll(propagation.initialCopies(path, workspace, objects));
    return objects;
  }

  /**
   * Writes the initialization on top of {@code known}; when the workspace moved on meanwhile (a
   * Conflict), plans it again from a fresh read. The planned objects are only read by a write, so
   * they are written again as they are.
   */
  private Uni<StoredObject> writeInitialized(
      StoredObject known, List<Write> objects, String path, int attempt) {
    String phase = LogicalClusters.phaseOf(known.body());
    if (ObjectMeta.deleting(known.body())
        || phase.equals(Tenancy.PHASE_READY)
        || phase.equals(Tenancy.PHASE_TERMINATING)) {
      return Uni.createFrom().item(known);
    }
    return Uni.createFrom()
        .deferred(() -> registry.writeAll(initialization(known, objects, path)))
        .map(written -> written.get(written.size() - 1))
        .onFailure(f -> f instanceof StorageException.Conflict && attempt < UPDATE_ATTEMPTS)
        .recoverWithUni(
            () ->
                registry
                    .get(known.key())
                    .chain(fresh -> writeInitialized(fresh, objects, path, attempt + 1)));
  }

  /** Initializing (unless the workspace is already there), the objects, Ready. */
  private List<Write> initialization(StoredObject ws, List<Write> objects, String path) {
    ResourceType type = workspaceType(ws.key());
    List<Write> writes = new ArrayList<>(objects.size() + 2);
    ObjectNode initializing = planStatus(type, ws, WorkspaceController::initializing);
    StoredObject before = ws;
    if (initializing != null) {
      writes.add(Write.update(ws.key(), initializing, ws.revision()));
      before = new StoredObject(ws.key(), initializing, ws.revision());
    }
    writes.addAll(objects);
    ObjectNode ready = planStatus(type, before, status -> ready(status, path));
    writes.add(
        initializing != null
            ? Write.updateAfter(ws.key(), ready, 0)
            : Write.update(ws.key(), ready, ws.revision()));
    return writes;
  }

  private ObjectNode planStatus(
      ResourceType type, StoredObject ws, UnaryOperator<WorkspaceStatus> change) {
    return registry.planUpdate(type, ws, "status", onStatus(change), WriteOptions.DEFAULT);
  }

  /** A change of the whole object that applies {@code change} to its typed status. */
  private static UnaryOperator<ObjectNode> onStatus(UnaryOperator<WorkspaceStatus> change) {
    return ws -> {
      WorkspaceStatus status = ModelJson.read(ws.path("status"), WorkspaceStatus.class);
      ws.set(
          "status",
          ModelJson.tree(change.apply(status == null ? WorkspaceStatus.inPhase(null) : status)));
      return ws;
    };
  }

  private Uni<List<String>> initialNamespaces(StoredObject ws) {
    String typeName =
        ModelJson.tryRead(ws.body(), Workspace.class)
            .map(Workspace::spec)
            .map(WorkspaceSpec::typeOrDefault)
            .orElse(Tenancy.DEFAULT_TYPE);
    return workspaceTypes
        .resolve(ws.key().cluster(), typeName)
        .map(type -> type == null ? List.of("default") : type.initialNamespacesOrDefault());
  }

  /**
   * Initializing. Only planned for a workspace that is not yet further ({@link #writeInitialized}
   * checks), so a phase never moves backwards.
   */
  private static WorkspaceStatus initializing(WorkspaceStatus status) {
    return inPhase(status, Tenancy.PHASE_INITIALIZING);
  }

  private WorkspaceStatus ready(WorkspaceStatus status, String path) {
    Condition ready =
        new Condition(
            "Ready", "True", "Initialized", "the logical cluster is initialized", ObjectMeta.now());
    return new WorkspaceStatus(
        Tenancy.PHASE_READY, externalUrl + "/clusters/" + path, List.of(ready), status.extra());
  }

  private static WorkspaceStatus inPhase(WorkspaceStatus status, String phase) {
    return new WorkspaceStatus(phase, status.url(), status.conditions(), status.extra());
  }

  /** The creator becomes cluster-admin of the new workspace. */
  private Optional<Write> ownerBinding(String path, ObjectNode workspace) {
    String annotation =
        workspace.path("metadata").path("annotations").path(Tenancy.OWNER_ANNOTATION).asText("");
    if (annotation.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode binding = workspace.objectNode();
    binding.putObject("metadata").put("name", OWNER_BINDING);
    ObjectNode roleRef = binding.putObject("roleRef");
    roleRef.put("apiGroup", "rbac.authorization.k8s.io");
    roleRef.put("kind", "ClusterRole");
    roleRef.put("name", "cluster-admin");
    ObjectNode subject = binding.putArray("subjects").addObject();
    subject.put("apiGroup", "rbac.authorization.k8s.io");
    subject.put("kind", "User");
    subject.put("name", owner(annotation));
    ResourceType type =
        apiResources
            .byResource(path, "rbac.authorization.k8s.io", "clusterrolebindings")
            .orElseThrow();
    return Optional.of(
        registry
            .planCreate(type, path, "", binding, OWNER_BINDING, WriteOptions.DEFAULT)
            .ifAbsent());
  }

  private static String owner(String annotation) {
    try {
      JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(annotation);
      return node.path("username").asText();
    } catch (Exception e) {
      return "";
    }
  }

  private Uni<Long> terminate(StoredObject ws) {
    String path = childPath(ws.key());
    return setStatus(ws, status -> inPhase(status, Tenancy.PHASE_TERMINATING))
        .chain(() -> registry.store().deleteClusters(path))
        .chain(() -> releaseFinalizer(ws.key()))
        .invoke(() -> clusters.forget(path))
        .replaceWith(Long.MAX_VALUE);
  }

  /**
   * Writes the status change on top of {@code known} (the event's object, or this controller's
   * previous write), reading the object again only if it moved on meanwhile.
   */
  private Uni<StoredObject> setStatus(StoredObject known, UnaryOperator<WorkspaceStatus> change) {
    return registry.updateKnown(
        workspaceType(known.key()), known, "status", onStatus(change), WriteOptions.DEFAULT);
  }

  private Uni<Void> releaseFinalizer(ObjectKey key) {
    return registry
        .update(
            workspaceType(key),
            key,
            "",
            0,
            ws -> {
              List<String> finalizers = ObjectMeta.finalizers(ws);
              finalizers.remove(Tenancy.WORKSPACE_FINALIZER);
              ObjectMeta.setFinalizers(ws, finalizers);
              return ws;
            },
            WriteOptions.DEFAULT)
        .replaceWithVoid()
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull();
  }

  private ResourceType workspaceType(ObjectKey key) {
    return apiResources.byResource(key.cluster(), Tenancy.GROUP, Tenancy.WORKSPACES).orElseThrow();
  }
}
