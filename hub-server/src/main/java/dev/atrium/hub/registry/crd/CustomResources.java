package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.Strategy;
import dev.atrium.model.catalog.BuiltinCatalog;
import dev.atrium.model.catalog.ResourceType;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where static code (per-kind strategies, Table printers) finds the CRD version behind a custom
 * resource: by the object's logical cluster (its {@code atrium.dev/path} annotation) and the type's
 * (group, version, plural) in the installed {@link CrdRegistry}.
 */
public final class CustomResources {

  private static final Set<String> BUILTIN =
      BuiltinCatalog.all().stream()
          .map(t -> t.group() + "/" + t.plural())
          .collect(Collectors.toUnmodifiableSet());
  private static final Strategy STRATEGY = new CustomResourceStrategy();
  private static volatile CrdRegistry registry;

  private CustomResources() {}

  static void install(CrdRegistry crds) {
    registry = crds;
  }

  /** True for types that are not built in, i.e. served from a CRD. */
  public static boolean isCustom(ResourceType type) {
    return !BUILTIN.contains(type.group() + "/" + type.plural());
  }

  public static Strategy strategy() {
    return STRATEGY;
  }

  /** The CRD version serving {@code type} in the logical cluster {@code cluster}. */
  public static Optional<CrdVersion> version(String cluster, ResourceType type) {
    CrdRegistry crds = registry;
    if (crds == null || !isCustom(type)) {
      return Optional.empty();
    }
    return crds.version(cluster, type.group(), type.version(), type.plural());
  }

  /** The CRD version serving {@code type} in the cluster {@code object} belongs to. */
  public static Optional<CrdVersion> versionOf(ResourceType type, ObjectNode object) {
    CrdRegistry crds = registry;
    if (crds == null) {
      return Optional.empty();
    }
    String cluster =
        object.path("metadata").path("annotations").path(ObjectMeta.PATH_ANNOTATION).asText("");
    return crds.version(cluster, type.group(), type.version(), type.plural());
  }
}
