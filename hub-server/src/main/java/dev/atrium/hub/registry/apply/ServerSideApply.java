package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side apply of a configuration to a live object: merge, prune what the manager applied
 * before and nobody owns any more, detect conflicts with other managers, and record the manager's
 * {@code Apply} entry.
 */
public final class ServerSideApply {

  private ServerSideApply() {}

  /** Apply to the main resource. */
  public static ApplyResult apply(
      ObjectNode live, ObjectNode applied, String manager, boolean force, FieldSchema schema) {
    return apply(live, applied, manager, force, schema, "");
  }

  /**
   * @param live the stored object, or null when it does not exist yet
   * @param subresource {@code ""} for the main resource
   */
  public static ApplyResult apply(
      ObjectNode live,
      ObjectNode applied,
      String manager,
      boolean force,
      FieldSchema schema,
      String subresource) {
    ObjectNode current = live == null ? JsonNodeFactory.instance.objectNode() : live.deepCopy();
    List<ManagedEntry> entries = ManagedFieldsCodec.read(live);
    current.with("metadata").remove("managedFields");
    ObjectNode config = applied.deepCopy();
    config.with("metadata").remove("managedFields");

    ManagedEntry previous = null;
    List<ManagedEntry> others = new ArrayList<>();
    for (ManagedEntry e : entries) {
      if (e.sameIdentity(manager, ManagedEntry.APPLY, subresource)) {
        previous = e;
      } else {
        others.add(e);
      }
    }
    FieldSet appliedSet = ObjectFields.ofApplied(TrackedView.of(config), schema);
    ObjectNode merged = ObjectMerger.merge(current, config, schema);
    if (previous != null) {
      prune(merged, previous.fields(), appliedSet, others);
    }

    Comparison diff = Comparison.of(TrackedView.of(current), TrackedView.of(merged), schema);
    List<Conflict> conflicts = new ArrayList<>();
    List<ManagedEntry> next = new ArrayList<>();
    for (ManagedEntry e : others) {
      FieldSet clash = e.fields().intersection(diff.changed());
      clash.paths().forEach(p -> conflicts.add(new Conflict(e.display(), PathElements.display(p))));
      next.add(e.withFields(e.fields().difference(clash).difference(diff.removed())));
    }
    if (!conflicts.isEmpty() && !force) {
      if (LastAppliedUpgrade.allowsAll(live, manager, conflicts, schema)) {
        return apply(live, applied, manager, true, schema, subresource);
      }
      return new ApplyResult(null, conflicts);
    }
    boolean changed = !TrackedView.of(current).equals(TrackedView.of(merged)) || previous == null;
    String time = changed || previous.time() == null ? ManagedFields.now() : previous.time();
    next.add(
        new ManagedEntry(
            manager,
            ManagedEntry.APPLY,
            ManagedFields.apiVersion(applied),
            time,
            subresource,
            appliedSet));
    ManagedFieldsCodec.write(merged, next);
    return new ApplyResult(merged, List.of());
  }

  /** A key field of a list-map item ({@code name} under {@code k:{"name":...}}) stays with it. */
  private static boolean isKeyField(List<String> path) {
    int n = path.size();
    if (n < 2 || !path.get(n - 2).startsWith("k:") || !path.get(n - 1).startsWith("f:")) {
      return false;
    }
    String field = path.get(n - 1).substring(2);
    return path.get(n - 2)
        .contains(
            PathElements.canonical(
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(field))
                + ":");
  }

  /**
   * Removes from {@code merged} what the manager applied last time but no longer applies, unless
   * another manager owns it (or something below it).
   */
  private static void prune(
      ObjectNode merged, FieldSet lastSet, FieldSet appliedSet, List<ManagedEntry> others) {
    FieldSet kept = appliedSet;
    for (ManagedEntry e : others) {
      kept = kept.union(e.fields());
    }
    FieldSet dropped = lastSet.difference(kept);
    for (List<String> path : dropped.paths()) {
      if (!kept.containsAnyUnder(path) && !isKeyField(path)) {
        ObjectPaths.remove(merged, path);
      }
    }
  }
}
