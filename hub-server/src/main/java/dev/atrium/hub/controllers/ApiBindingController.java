package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.registry.crd.CrdRegistry;
import dev.atrium.hub.registry.sync.Conditions;
import dev.atrium.hub.storage.ListRequest;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.selection.Selection;
import dev.atrium.model.apis.ApiBinding;
import dev.atrium.model.apis.ApiBindingSpec;
import dev.atrium.model.apis.ApiBindingStatus;
import dev.atrium.model.apis.ApiExport;
import dev.atrium.model.apis.ApiExportSpec;
import dev.atrium.model.apis.Apis;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.meta.ModelJson;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * APIBindings. Steps: find the export in the provider workspace, find each exported CRD there,
 * refuse clashes (a local CRD of the same resource, another binding of it) with a condition, then
 * record phase Bound with the bound resources (which {@link dev.atrium.hub.registry.crd.BoundApis}
 * serves on every replica). A deleted binding first deletes every instance of its resources in the
 * binder — as deleting a CRD deletes its objects — then lets go. Re-checked every 2 s (the
 * provider's CRDs and export change without a binding event).
 */
@ApplicationScoped
public class ApiBindingController {

  private static final Logger LOG = Logger.getLogger(ApiBindingController.class);
  private static final ResourceScope BINDINGS =
      new ResourceScope(ResourceScope.ALL_CLUSTERS, Apis.GROUP, Apis.BINDINGS, "");
  private static final String MANAGER = "atrium-apibinding-controller";

  @Inject GenericRegistry registry;
  @Inject ApiResources apiResources;
  @Inject CrdRegistry crds;
  @Inject dev.atrium.hub.registry.crd.BoundApis boundApis;
  @Inject StoreFeeds feeds;
  @Inject Vertx vertx;
  @Inject dev.atrium.hub.storage.Leadership leadership;

  private final Map<ObjectKey, StoredObject> bindings = new ConcurrentHashMap<>();
  private final Set<ObjectKey> busy = ConcurrentHashMap.newKeySet();
  private long timer = -1;

  void start(@Observes StartupEvent event) {
    StoreFeed feed = feeds.start(BINDINGS, StoreFeed.Handler.of(this::reset, this::onChange), true);
    leadership.onElected(() -> feed.relist(java.time.Duration.ZERO));
    timer = vertx.setPeriodic(2000, id -> bindings.values().forEach(this::reconcile));
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void reset(List<StoredObject> items) {
    bindings.clear();
    items.forEach(b -> bindings.put(b.key(), b));
    items.forEach(this::reconcile);
  }

  private void onChange(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      bindings.remove(event.object().key());
      return;
    }
    bindings.put(event.object().key(), event.object());
    reconcile(event.object());
  }

  private void reconcile(StoredObject binding) {
    if (!leadership.isLeader() || !busy.add(binding.key())) {
      return;
    }
    Uni<?> work = ObjectMeta.deleting(binding.body()) ? unbind(binding) : bind(binding);
    work.subscribe()
        .with(
            v -> busy.remove(binding.key()),
            f -> {
              busy.remove(binding.key());
              LOG.debugf("apibinding %s: %s", binding.key(), f.getMessage());
            });
  }

  // --- bind ----------------------------------------------------------------------------------

  /** What a binding should say: phase, bound resources, condition. */
  record Decision(
      String phase, List<ApiBindingStatus.BoundResource> bound, String reason, String message) {}

  private Uni<StoredObject> bind(StoredObject binding) {
    ApiBindingSpec.ExportReference export = reference(binding.body());
    String provider = export.path();
    String name = export.name();
    ObjectKey key = new ObjectKey(provider, Apis.GROUP, Apis.EXPORTS, "", name);
    return registry
        .get(key)
        .map(e -> decide(binding, provider, e.body()))
        .onFailure(StorageException.NotFound.class)
        .recoverWithItem(
            () ->
                new Decision(
                    Apis.PHASE_BINDING,
                    null,
                    "ExportNotFound",
                    "APIExport " + provider + ":" + name + " not found"))
        .chain(d -> record(binding, d));
  }

  Decision decide(StoredObject binding, String provider, JsonNode export) {
    String binder = binding.key().cluster();
    Map<String, ObjectNode> providerCrds = crds.local(provider);
    Map<String, ObjectNode> own = crds.local(binder);
    List<ApiBindingStatus.BoundResource> bound = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ApiExportSpec.GroupResource r : exportedResources(export)) {
      String group = r.group() == null ? "" : r.group();
      String resource = r.resource() == null ? "" : r.resource();
      Optional<ObjectNode> crd = ApiExportController.crdFor(providerCrds, group, resource);
      if (crd.isEmpty() || !ApiExportController.established(crd.get())) {
        problems.add("the provider has no established CRD for " + resource + "." + group);
        continue;
      }
      String crdName = ObjectMeta.name(crd.get());
      if (ApiExportController.crdFor(own, group, resource).isPresent()) {
        return conflict("a CRD of this workspace already serves " + resource + "." + group);
      }
      Optional<String> other = otherBinding(binder, binding.key().name(), crdName);
      if (other.isPresent()) {
        return conflict("APIBinding " + other.get() + " already binds " + resource + "." + group);
      }
      List<String> versions = new ArrayList<>();
      bound.add(new ApiBindingStatus.BoundResource(group, resource, crdName, versions));
      crd.get()
          .path("spec")
          .path("versions")
          .forEach(
              v -> {
                if (v.path("served").asBoolean(false)) {
                  versions.add(v.path("name").asText());
                }
              });
    }
    if (!problems.isEmpty()) {
      return new Decision(
          Apis.PHASE_BINDING, null, "ResourcesMissing", String.join("; ", problems));
    }
    return new Decision(
        Apis.PHASE_BOUND,
        bound,
        "Bound",
        "bound to " + provider + ":" + export.path("metadata").path("name").asText());
  }

  /** The binding's export reference, "" where unset (or stored with another shape). */
  static ApiBindingSpec.ExportReference reference(JsonNode binding) {
    return ModelJson.tryRead(binding, ApiBinding.class)
        .map(ApiBinding::spec)
        .map(ApiBindingSpec::exportOrEmpty)
        .orElse(new ApiBindingSpec.ExportReference("", ""));
  }

  private static List<ApiExportSpec.GroupResource> exportedResources(JsonNode export) {
    return ModelJson.tryRead(export, ApiExport.class)
        .map(ApiExport::spec)
        .map(ApiExportSpec::resources)
        .orElse(List.of());
  }

  private static List<ApiBindingStatus.BoundResource> boundResources(JsonNode binding) {
    return ModelJson.tryRead(binding, ApiBinding.class)
        .map(ApiBinding::status)
        .map(ApiBindingStatus::boundResources)
        .orElse(List.of());
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

  private static Decision conflict(String message) {
    return new Decision("Failed", null, "NameConflict", message);
  }

  private Optional<String> otherBinding(String binder, String self, String crdName) {
    return crds.bindings(binder).entrySet().stream()
        .filter(e -> !e.getKey().equals(self) && e.getValue().crds().contains(crdName))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private Uni<StoredObject> record(StoredObject binding, Decision d) {
    return registry
        .updateKnown(
            type(),
            binding,
            "status",
            o -> {
              ApiBindingStatus before = ModelJson.read(o.path("status"), ApiBindingStatus.class);
              ApiBindingStatus old = before == null ? ApiBindingStatus.inPhase(null) : before;
              List<ApiBindingStatus.BoundResource> bound =
                  d.bound() != null
                      ? d.bound()
                      : Apis.PHASE_BOUND.equals(d.phase()) ? old.boundResources() : null;
              ObjectNode status =
                  ModelJson.tree(
                      new ApiBindingStatus(d.phase(), bound, old.conditions(), old.extra()));
              o.set("status", status);
              Conditions.set(
                  status,
                  "Ready",
                  Apis.PHASE_BOUND.equals(d.phase()) ? "True" : "False",
                  d.reason(),
                  d.message(),
                  ObjectMeta.now());
              return o;
            },
            new WriteOptions(false, MANAGER))
        .invoke(
            written -> {
              if (written != null) {
                boundApis.follow(written);
              }
            })
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull();
  }

  // --- unbind --------------------------------------------------------------------------------

  private Uni<Void> unbind(StoredObject binding) {
    String binder = binding.key().cluster();
    List<ResourceType> types = new ArrayList<>();
    for (ApiBindingStatus.BoundResource r : boundResources(binding.body())) {
      apiResources
          .byResource(binder, nonNull(r.group()), nonNull(r.resource()))
          .ifPresent(types::add);
    }
    return Multi.createFrom()
        .iterable(types)
        .onItem()
        .transformToUniAndConcatenate(t -> deleteAll(binder, t))
        .collect()
        .asList()
        .map(counts -> counts.stream().mapToInt(Integer::intValue).sum())
        .chain(left -> left == 0 ? release(binding) : Uni.createFrom().voidItem());
  }

  /** Deletes every instance of {@code type} in {@code binder}; the number that still existed. */
  private Uni<Integer> deleteAll(String binder, ResourceType type) {
    ResourceScope scope = new ResourceScope(binder, type.group(), type.plural(), "");
    return registry
        .list(new ListRequest(scope, Selection.everything(), 0, null, 0))
        .chain(
            page ->
                page.items().isEmpty()
                    ? Uni.createFrom().item(0)
                    : registry.deleteAll(type, scope).map(n -> page.items().size()));
  }

  private Uni<Void> release(StoredObject binding) {
    return registry
        .updateKnown(
            type(),
            binding,
            "",
            o -> {
              List<String> f = ObjectMeta.finalizers(o);
              f.remove(Apis.BINDING_FINALIZER);
              ObjectMeta.setFinalizers(o, f);
              return o;
            },
            new WriteOptions(false, MANAGER))
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull()
        .replaceWithVoid();
  }

  private ResourceType type() {
    return apiResources.byResource("root", Apis.GROUP, Apis.BINDINGS).orElseThrow();
  }
}
