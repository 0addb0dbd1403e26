package dev.atrium.hub.registry;

import dev.atrium.model.catalog.ResourceType;
import java.util.Map;

/** The per-kind strategies; kinds without one use the generic behaviour. */
final class Strategies {

  private static final Strategy GENERIC = new Strategy() {};
  private static final Map<String, Strategy> BY_RESOURCE =
      Map.of(
          "/namespaces",
          new NamespaceStrategy(),
          "/secrets",
          new SecretStrategy(),
          "tenancy.atrium.dev/workspaces",
          new WorkspaceStrategy());

  private Strategies() {}

  static Strategy of(ResourceType type) {
    return BY_RESOURCE.getOrDefault(type.group() + "/" + type.plural(), GENERIC);
  }
}
