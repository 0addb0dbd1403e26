package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.registry.crd.CrdRegistry;
import dev.atrium.hub.registry.sync.Conditions;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.model.apis.ApiExport;
import dev.atrium.model.apis.ApiExportSpec;
import dev.atrium.model.apis.ApiExportStatus;
import dev.atrium.model.apis.Apis;
import dev.atrium.model.meta.ModelJson;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * APIExports: status lists the exported resources with the CRD behind each, and condition Ready is
 * False (naming them) while a named CRD is missing or not Established. Re-checked every 2 s, since
 * CRDs change without an export event.
 */
@ApplicationScoped
public class ApiExportController {

  private static final Logger LOG = Logger.getLogger(ApiExportController.class);
  private static final ResourceScope EXPORTS =
      new ResourceScope(ResourceScope.ALL_CLUSTERS, Apis.GROUP, Apis.EXPORTS, "");
  private static final String MANAGER = "atrium-apiexport-controller";

  @Inject GenericRegistry registry;
  @Inject ApiResources apiResources;
  @Inject CrdRegistry crds;
  @Inject StoreFeeds feeds;
  @Inject Vertx vertx;
  @Inject dev.atrium.hub.storage.Leadership leadership;

  private final Map<ObjectKey, StoredObject> exports = new ConcurrentHashMap<>();
  private long timer = -1;

  void start(@Observes StartupEvent event) {
    StoreFeed feed = feeds.start(EXPORTS, StoreFeed.Handler.of(this::reset, this::onChange), true);
    leadership.onElected(() -> feed.relist(java.time.Duration.ZERO));
    timer = vertx.setPeriodic(2000, id -> exports.values().forEach(this::reconcile));
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void reset(List<StoredObject> items) {
    exports.clear();
    items.forEach(e -> exports.put(e.key(), e));
    items.forEach(this::reconcile);
  }

  private void onChange(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      exports.remove(event.object().key());
      return;
    }
    exports.put(event.object().key(), event.object());
    reconcile(event.object());
  }

  /** The provider's CRD serving {@code group}/{@code resource}, if any. */
  static Optional<ObjectNode> crdFor(Map<String, ObjectNode> local, String group, String resource) {
    return local.values().stream()
        .filter(c -> c.path("spec").path("group").asText().equals(group))
        .filter(c -> c.path("spec").path("names").path("plural").asText().equals(resource))
        .findFirst();
  }

  static boolean established(JsonNode crd) {
    for (JsonNode c : crd.path("status").path("conditions")) {
      if ("Established".equals(c.path("type").asText())
          && "True".equals(c.path("status").asText())) {
        return true;
      }
    }
    return false;
  }

  /** The export's {@code spec.resources}; none when unset (or stored with another shape). */
  static List<ApiExportSpec.GroupResource> exported(StoredObject export) {
    return ModelJson.tryRead(export.body(), ApiExport.class)
        .map(ApiExport::spec)
        .map(ApiExportSpec::resources)
        .orElse(List.of());
  }

  private void reconcile(StoredObject export) {
    if (!leadership.isLeader()) {
      return;
    }
    Map<String, ObjectNode> local = crds.local(export.key().cluster());
    List<String> problems = new ArrayList<>();
    List<ApiExportStatus.ExportedResource> resources = new ArrayList<>();
    for (ApiExportSpec.GroupResource r : exported(export)) {
      String group = r.group() == null ? "" : r.group();
      String resource = r.resource() == null ? "" : r.resource();
      Optional<ObjectNode> crd = crdFor(local, group, resource);
      resources.add(
          new ApiExportStatus.ExportedResource(
              group, resource, crd.map(ObjectMeta::name).orElse(null)));
      if (crd.isEmpty()) {
        problems.add("no CRD serves " + resource + "." + group);
        continue;
      }
      if (!established(crd.get())) {
        problems.add("CRD " + ObjectMeta.name(crd.get()) + " is not Established");
      }
    }
    String message =
        problems.isEmpty() ? "every exported CRD is established" : String.join("; ", problems);
    registry
        .updateKnown(
            apiResources.byResource("root", Apis.GROUP, Apis.EXPORTS).orElseThrow(),
            export,
            "status",
            o -> {
              ApiExportStatus before = ModelJson.read(o.path("status"), ApiExportStatus.class);
              ObjectNode status =
                  ModelJson.tree(
                      new ApiExportStatus(
                          resources,
                          before == null ? null : before.conditions(),
                          before == null ? null : before.extra()));
              o.set("status", status);
              Conditions.set(
                  status,
                  "Ready",
                  problems.isEmpty() ? "True" : "False",
                  problems.isEmpty() ? "ResourcesAvailable" : "ResourcesMissing",
                  message,
                  ObjectMeta.now());
              return o;
            },
            new WriteOptions(false, MANAGER))
        .onFailure(StorageException.NotFound.class)
        .recoverWithNull()
        .subscribe()
        .with(o -> {}, f -> LOG.debugf("apiexport %s: %s", export.key(), f.getMessage()));
  }
}
