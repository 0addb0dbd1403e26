package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.storage.Write;
import dev.atrium.model.catalog.ResourceType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The namespaces every logical cluster starts with. */
@ApplicationScoped
public class SystemNamespaces {

  public static final List<String> NAMES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  @Inject GenericRegistry registry;
  @Inject ApiResources apiResources;

  /** Creates the missing system namespaces of {@code cluster}. */
  public Uni<Void> ensure(String cluster) {
    return ensure(cluster, NAMES);
  }

  /** Creates the missing namespaces {@code names} in {@code cluster} (one transaction). */
  public Uni<Void> ensure(String cluster, List<String> names) {
    return registry.writeAll(plan(cluster, names)).replaceWithVoid();
  }

  /** Create-if-absent writes of the namespaces {@code names} in {@code cluster}. */
  public List<Write> plan(String cluster, List<String> names) {
    ResourceType namespaces = apiResources.byResource(cluster, "", "namespaces").orElseThrow();
    return names.stream().map(name -> plan(namespaces, cluster, name)).toList();
  }

  private Write plan(ResourceType type, String cluster, String name) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("metadata").put("name", name);
    return registry.planCreate(type, cluster, "", body, name, WriteOptions.DEFAULT).ifAbsent();
  }
}
