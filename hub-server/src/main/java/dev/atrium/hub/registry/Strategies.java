package dev.atrium.hub.registry;

import dev.atrium.hub.registry.crd.CrdStrategy;
import dev.atrium.hub.registry.crd.CustomResources;
import dev.atrium.hub.registry.sync.SyncTargetStrategy;
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
          new WorkspaceStrategy(),
          "apiextensions.k8s.io/customresourcedefinitions",
          new CrdStrategy(),
          "workload.atrium.dev/synctargets",
          new SyncTargetStrategy());

  private Strategies() {}

  static Strategy of(ResourceType type) {
    Strategy strategy = BY_RESOURCE.get(type.group() + "/" + type.plural());
    if (strategy != null) {
      return strategy;
    }
    return CustomResources.isCustom(type) ? CustomResources.strategy() : GENERIC;
  }
}
