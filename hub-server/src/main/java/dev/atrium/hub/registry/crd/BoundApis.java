package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.model.apis.ApiBinding;
import dev.atrium.model.apis.ApiBindingSpec;
import dev.atrium.model.apis.Apis;
import dev.atrium.model.meta.ModelJson;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows every APIBinding on every replica and serves what a Bound one binds ({@code
 * status.boundResources[].crd} of the export's workspace) through {@link CrdRegistry}; a binding
 * that is not Bound (or is gone) serves nothing. The binding controller decides; this only follows
 * the stored status, so all replicas serve the same APIs.
 */
@ApplicationScoped
public class BoundApis {

  private static final ResourceScope BINDINGS =
      new ResourceScope(ResourceScope.ALL_CLUSTERS, Apis.GROUP, Apis.BINDINGS, "");

  @Inject CrdRegistry crds;
  @Inject StoreFeeds feeds;

  private final Map<String, StoredObject> known = new ConcurrentHashMap<>();

  void start(@Observes StartupEvent event) {
    feeds.start(BINDINGS, StoreFeed.Handler.of(this::reset, this::onChange), true);
  }

  private void reset(List<StoredObject> items) {
    for (StoredObject old : List.copyOf(known.values())) {
      crds.unbind(old.key().cluster(), old.key().name());
    }
    known.clear();
    items.forEach(this::follow);
  }

  private void onChange(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      known.remove(id(event.object()));
      crds.unbind(event.object().key().cluster(), event.object().key().name());
      return;
    }
    follow(event.object());
  }

  /**
   * Serves what {@code binding} binds (or stops serving it) on this replica now; the binding
   * controller calls it with its own write, so a binding it reports Bound is served here before the
   * change feed brings the write back.
   */
  public void follow(StoredObject binding) {
    known.put(id(binding), binding);
    String binder = binding.key().cluster();
    String name = binding.key().name();
    CrdRegistry.Bound bound = bound(binding.body());
    if (bound == null) {
      crds.unbind(binder, name);
    } else {
      crds.bind(binder, name, bound);
    }
  }

  /** What a binding serves: null unless Bound. */
  static CrdRegistry.Bound bound(JsonNode binding) {
    ApiBinding typed = ModelJson.tryRead(binding, ApiBinding.class).orElse(null);
    if (typed == null || typed.status() == null || !typed.status().bound()) {
      return null;
    }
    String provider = exportOf(typed).path();
    Set<String> names = new LinkedHashSet<>();
    if (typed.status().boundResources() != null) {
      typed.status().boundResources().forEach(r -> names.add(r.crd() == null ? "" : r.crd()));
    }
    return provider.isEmpty() || names.isEmpty()
        ? null
        : new CrdRegistry.Bound(provider, Set.copyOf(names));
  }

  /** The workspaces whose Bound bindings name export {@code name} of workspace {@code provider}. */
  public Set<String> binders(String provider, String name) {
    Set<String> out = new java.util.TreeSet<>();
    for (StoredObject b : known.values()) {
      ApiBindingSpec.ExportReference export =
          ModelJson.tryRead(b.body(), ApiBinding.class)
              .map(BoundApis::exportOf)
              .orElse(new ApiBindingSpec.ExportReference("", ""));
      if (provider.equals(export.path()) && name.equals(export.name()) && bound(b.body()) != null) {
        out.add(b.key().cluster());
      }
    }
    return out;
  }

  private static ApiBindingSpec.ExportReference exportOf(ApiBinding binding) {
    return binding.spec() == null
        ? new ApiBindingSpec.ExportReference("", "")
        : binding.spec().exportOrEmpty();
  }

  private static String id(StoredObject o) {
    return o.key().cluster() + "/" + o.key().name();
  }
}
