package dev.atrium.model.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The built-in Kubernetes resources Atrium serves, loaded once from {@code builtin-resources.json}
 * (preferred versions only, as a Kubernetes 1.33 kube-apiserver serves them in discovery).
 */
public final class BuiltinCatalog {

  private static final String RESOURCE = "builtin-resources.json";

  private static final List<ResourceType> ALL = load();

  private BuiltinCatalog() {}

  /** Every built-in resource, in catalogue order. */
  public static List<ResourceType> all() {
    return ALL;
  }

  /** The resource with this group ("" for core) and plural name, e.g. ("apps", "deployments"). */
  public static Optional<ResourceType> byResource(String group, String plural) {
    return ALL.stream()
        .filter(t -> t.group().equals(group) && t.plural().equals(plural))
        .findFirst();
  }

  /** The resource with this group ("" for core) and kind, e.g. ("apps", "Deployment"). */
  public static Optional<ResourceType> byKind(String group, String kind) {
    return ALL.stream().filter(t -> t.group().equals(group) && t.kind().equals(kind)).findFirst();
  }

  private static List<ResourceType> load() {
    try (InputStream in = BuiltinCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE);
      }
      List<ResourceType> types = new ObjectMapper().readValue(in, new TypeReference<>() {});
      return List.copyOf(types.stream().map(BuiltinCatalog::immutable).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static ResourceType immutable(ResourceType t) {
    return new ResourceType(
        t.group(),
        t.version(),
        t.kind(),
        t.plural(),
        t.singular(),
        List.copyOf(t.shortNames()),
        List.copyOf(t.categories()),
        t.namespaced(),
        List.copyOf(t.verbs()),
        List.copyOf(t.subresources()),
        List.copyOf(t.printerColumns()));
  }
}
