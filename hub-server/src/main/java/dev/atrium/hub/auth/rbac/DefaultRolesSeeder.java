package dev.atrium.hub.auth.rbac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.model.catalog.ResourceType;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/** Creates the {@link DefaultRoles} of a workspace that are missing; the root one at startup. */
@ApplicationScoped
public class DefaultRolesSeeder {

  private static final Logger LOG = Logger.getLogger(DefaultRolesSeeder.class);

  @Inject GenericRegistry registry;
  @Inject ApiResources apiResources;

  void start(@Observes StartupEvent event) {
    ensure("root").subscribe().with(v -> {}, f -> LOG.warn("default roles of root", f));
  }

  /** Creates the missing default ClusterRoles of {@code cluster}; existing ones are kept. */
  public Uni<Void> ensure(String cluster) {
    ResourceType type =
        apiResources.byResource(cluster, RbacIndex.GROUP, RbacIndex.CLUSTER_ROLES).orElseThrow();
    // Concurrently, so the roles share one write batch (one commit).
    List<Uni<Void>> creates =
        DefaultRoles.objects().stream().map(role -> create(type, cluster, role)).toList();
    return Uni.join().all(creates).andFailFast().replaceWithVoid();
  }

  private Uni<Void> create(ResourceType type, String cluster, ObjectNode role) {
    return registry
        .create(type, cluster, "", role, WriteOptions.DEFAULT)
        .replaceWithVoid()
        .onFailure(StorageException.AlreadyExists.class)
        .recoverWithNull();
  }
}
