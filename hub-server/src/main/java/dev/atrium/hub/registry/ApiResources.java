package dev.atrium.hub.registry;

import dev.atrium.model.catalog.BuiltinCatalog;
import dev.atrium.model.catalog.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The resources served in a logical cluster: the built-in catalogue (custom resources join here
 * when CRDs are served).
 */
@ApplicationScoped
public class ApiResources {

  public List<ResourceType> served(String cluster) {
    return BuiltinCatalog.all();
  }

  public Optional<ResourceType> resolve(
      String cluster, String group, String version, String plural) {
    return served(cluster).stream()
        .filter(
            t ->
                t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
        .findFirst();
  }

  public Optional<ResourceType> byResource(String cluster, String group, String plural) {
    return served(cluster).stream()
        .filter(t -> t.group().equals(group) && t.plural().equals(plural))
        .findFirst();
  }

  public List<ResourceType> namespaced(String cluster) {
    return served(cluster).stream()
        .filter(ResourceType::namespaced)
        .filter(ApiResources::stored)
        .toList();
  }

  /** Kinds whose objects are stored (review kinds like TokenReview are create-only and virtual). */
  public static boolean stored(ResourceType type) {
    return type.verbs().contains("get") || type.verbs().contains("list");
  }
}
