package dev.atrium.hub.registry;

import dev.atrium.hub.registry.crd.CrdRegistry;
import dev.atrium.model.catalog.BuiltinCatalog;
import dev.atrium.model.catalog.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The resources served in a logical cluster: the built-in catalogue, then the cluster's established
 * CRD versions. Lookups are map hits (built-ins first, then the cluster's CRD index).
 */
@ApplicationScoped
public class ApiResources {

  private static final Map<String, ResourceType> BUILTIN_BY_VERSION =
      BuiltinCatalog.all().stream()
          .collect(
              Collectors.toUnmodifiableMap(
                  t -> t.group() + "/" + t.version() + "/" + t.plural(),
                  Function.identity(),
                  (a, b) -> a));
  private static final Map<String, ResourceType> BUILTIN_BY_RESOURCE =
      BuiltinCatalog.all().stream()
          .collect(
              Collectors.toUnmodifiableMap(
                  t -> t.group() + "/" + t.plural(), Function.identity(), (a, b) -> a));
  private static final List<ResourceType> BUILTIN_NAMESPACED =
      BuiltinCatalog.all().stream()
          .filter(ResourceType::namespaced)
          .filter(ApiResources::stored)
          .toList();

  @Inject CrdRegistry crds;

  public List<ResourceType> served(String cluster) {
    return crds.served(cluster);
  }

  public Optional<ResourceType> resolve(
      String cluster, String group, String version, String plural) {
    ResourceType builtin = BUILTIN_BY_VERSION.get(group + "/" + version + "/" + plural);
    return builtin != null ? Optional.of(builtin) : crds.resolve(cluster, group, version, plural);
  }

  public Optional<ResourceType> byResource(String cluster, String group, String plural) {
    ResourceType builtin = BUILTIN_BY_RESOURCE.get(group + "/" + plural);
    return builtin != null ? Optional.of(builtin) : crds.byResource(cluster, group, plural);
  }

  public List<ResourceType> namespaced(String cluster) {
    List<ResourceType> custom = crds.namespaced(cluster);
    if (custom.isEmpty()) {
      return BUILTIN_NAMESPACED;
    }
    List<ResourceType> all = new ArrayList<>(BUILTIN_NAMESPACED);
    all.addAll(custom);
    return all;
  }

  /** Kinds whose objects are stored (review kinds like TokenReview are create-only and virtual). */
  public static boolean stored(ResourceType type) {
    return type.verbs().contains("get") || type.verbs().contains("list");
  }
}
