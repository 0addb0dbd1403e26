package dev.atrium.hub.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.NamespaceIndex;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.model.catalog.ResourceType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The NamespaceLifecycle admission plugin: new objects need an existing namespace that is not being
 * terminated.
 */
@ApplicationScoped
public class NamespaceLifecycle {

  @Inject GenericRegistry registry;
  @Inject NamespaceIndex index;

  public Uni<Void> admitCreate(ResourceType type, String cluster, String namespace) {
    if (!type.namespaced()) {
      return Uni.createFrom().voidItem();
    }
    Optional<Boolean> known = index.terminating(cluster, namespace);
    if (known.isPresent()) {
      if (known.get()) {
        throw terminating(namespace);
      }
      return Uni.createFrom().voidItem();
    }
    ObjectKey key = new ObjectKey(cluster, "", "namespaces", "", namespace);
    return registry
        .get(key)
        .onFailure(StorageException.NotFound.class)
        .transform(f -> ApiException.notFound("namespaces", namespace))
        .map(ns -> check(ns.body(), namespace));
  }

  private static Void check(ObjectNode namespaceObject, String namespace) {
    if (ObjectMeta.deleting(namespaceObject)) {
      throw terminating(namespace);
    }
    return null;
  }

  private static ApiException terminating(String namespace) {
    return new ApiException(
        403,
        "Forbidden",
        "unable to create new content in namespace "
            + namespace
            + " because it is being terminated",
        ApiException.details("namespaces", namespace));
  }
}
