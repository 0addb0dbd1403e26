package dev.atrium.hub.auth.rbac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.registry.apply.FieldSchema;
import dev.atrium.hub.registry.apply.ManagedFields;
import dev.atrium.hub.storage.Write;
import dev.atrium.model.catalog.ResourceType;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Creates the {@link DefaultRoles} of a workspace that are missing; the root one at startup. The
 * role bodies and their managedFields are computed once: every workspace gets copies, written as
 * already field-tracked, so seeding a workspace costs no rule building or field diffing.
 */
@ApplicationScoped
public class DefaultRolesSeeder {

  private static final Logger LOG = Logger.getLogger(DefaultRolesSeeder.class);
  private static final WriteOptions TRACKED = new WriteOptions(false, null, true);

  @Inject GenericRegistry registry;
  @Inject ApiResources apiResources;

  private volatile List<ObjectNode> templates;

  void start(@Observes StartupEvent event) {
    ensure("root").subscribe().with(v -> {}, f -> LOG.warn("default roles of root", f));
  }

  /** Creates the missing default ClusterRoles of {@code cluster}; existing ones are kept. */
  public Uni<Void> ensure(String cluster) {
    return registry.writeAll(plan(cluster)).replaceWithVoid();
  }

  /** Create-if-absent writes of the default ClusterRoles of {@code cluster}. */
  public List<Write> plan(String cluster) {
    ResourceType type =
        apiResources.byResource(cluster, RbacIndex.GROUP, RbacIndex.CLUSTER_ROLES).orElseThrow();
    return templates(type).stream().map(role -> plan(type, cluster, copy(role))).toList();
  }

  private List<ObjectNode> templates(ResourceType type) {
    List<ObjectNode> built = templates;
    if (built == null) {
      FieldSchema schema = FieldSchema.forKind(type.group(), type.version(), type.kind());
      built =
          DefaultRoles.objects().stream()
              .map(
                  role ->
                      ManagedFields.recordUpdate(
                          null, role, ManagedFields.DEFAULT_MANAGER, "", schema))
              .toList();
      templates = built;
    }
    return built;
  }

  /** A template's copy whose managedFields entry carries the time of this write. */
  private static ObjectNode copy(ObjectNode template) {
    ObjectNode role = template.deepCopy();
    ObjectMeta.of(role)
        .withArray("managedFields")
        .forEach(e -> ((ObjectNode) e).put("time", ObjectMeta.now()));
    return role;
  }

  private Write plan(ResourceType type, String cluster, ObjectNode role) {
    return registry.planCreate(type, cluster, "", role, ObjectMeta.name(role), TRACKED).ifAbsent();
  }
}
