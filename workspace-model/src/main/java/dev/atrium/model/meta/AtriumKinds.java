package dev.atrium.model.meta;

import dev.atrium.model.apis.ApiBinding;
import dev.atrium.model.apis.ApiExport;
import dev.atrium.model.apis.Apis;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.Workspace;
import dev.atrium.model.tenancy.WorkspaceType;
import dev.atrium.model.workload.Placement;
import dev.atrium.model.workload.SyncTarget;
import dev.atrium.model.workload.Workload;
import java.util.List;
import java.util.Optional;

/** Atrium's own kinds and their model classes: the one list the hub's schemas come from. */
public final class AtriumKinds {

  /** One kind: group, version, kind, plural and the record that models it. */
  public record Kind(
      String group, String version, String kind, String plural, Class<? extends Record> type) {}

  private static final List<Kind> ALL =
      List.of(
          new Kind(
              Tenancy.GROUP, Tenancy.VERSION, Workspace.KIND, Tenancy.WORKSPACES, Workspace.class),
          new Kind(
              Tenancy.GROUP,
              Tenancy.VERSION,
              WorkspaceType.KIND,
              Tenancy.WORKSPACE_TYPES,
              WorkspaceType.class),
          new Kind(
              Workload.GROUP,
              Workload.VERSION,
              SyncTarget.KIND,
              Workload.SYNC_TARGETS,
              SyncTarget.class),
          new Kind(
              Workload.GROUP,
              Workload.VERSION,
              Placement.KIND,
              Workload.PLACEMENTS,
              Placement.class),
          new Kind(Apis.GROUP, Apis.VERSION, ApiExport.KIND, Apis.EXPORTS, ApiExport.class),
          new Kind(Apis.GROUP, Apis.VERSION, ApiBinding.KIND, Apis.BINDINGS, ApiBinding.class));

  private AtriumKinds() {}

  public static List<Kind> all() {
    return ALL;
  }

  /** The kind with this group and plural, e.g. ("workload.atrium.dev", "synctargets"). */
  public static Optional<Kind> byResource(String group, String plural) {
    return ALL.stream()
        .filter(k -> k.group().equals(group) && k.plural().equals(plural))
        .findFirst();
  }

  /** The kinds served in {@code group/version}. */
  public static List<Kind> inGroupVersion(String group, String version) {
    return ALL.stream()
        .filter(k -> k.group().equals(group) && k.version().equals(version))
        .toList();
  }
}
