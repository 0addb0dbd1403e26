package dev.atrium.hub.storage.postgres;

import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.selection.FieldSelector;
import dev.atrium.hub.storage.selection.Selection;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the one-statement list queries. Every query returns a header column {@code snap_rev} (the
 * snapshot revision) and {@code wm} (the watermark) even when no object matches, so the revision
 * and the rows come from one snapshot.
 */
final class ListSql {

  private final List<Object> params = new ArrayList<>();
  private final List<String> conditions = new ArrayList<>();

  private ListSql() {}

  /** The latest state, from the objects table. */
  static Query latest(ResourceScope scope, Selection selection, ContinueToken after, int limit) {
    ListSql q = new ListSql();
    q.scope(scope, "o.");
    q.after(after, "o.");
    q.selection(selection, "o.labels", "o.");
    String sql =
        "SELECT s.snap_rev, s.wm, o.cluster, o.grp, o.res, o.ns, o.name, o.revision,"
            + " o.body::text AS body"
            + " FROM (SELECT atrium_current_revision() AS snap_rev,"
            + " (SELECT watermark FROM atrium_meta) AS wm) s"
            + " LEFT JOIN LATERAL (SELECT * FROM atrium_objects o WHERE "
            + String.join(" AND ", q.conditions)
            + " ORDER BY o.cluster, o.ns, o.name"
            + q.limit(limit)
            + ") o ON true";
    return new Query(sql, q.params);
  }

  /** The state at {@code revision}, rebuilt from the change log. */
  static Query atRevision(
      ResourceScope scope, Selection selection, ContinueToken after, int limit, long revision) {
    ListSql q = new ListSql();
    q.scope(scope, "c.");
    q.after(after, "c.");
    q.conditions.add("c.revision <= " + q.param(revision));
    List<String> inner = q.conditions;
    ListSql outer = new ListSql();
    outer.params.addAll(q.params);
    outer.conditions.add("h.type <> 2");
    outer.selection(selection, "(h.body -> 'metadata' -> 'labels')", "h.");
    String identity =
        anyResource(scope) ? "c.cluster, c.grp, c.res, c.ns, c.name" : "c.cluster, c.ns, c.name";
    String sql =
        "SELECT s.snap_rev, s.wm, o.cluster, o.grp, o.res, o.ns, o.name, o.revision,"
            + " o.body::text AS body"
            + " FROM (SELECT "
            + outer.param(revision)
            + "::bigint AS snap_rev, (SELECT watermark FROM atrium_meta) AS wm) s"
            + " LEFT JOIN LATERAL (SELECT h.* FROM (SELECT DISTINCT ON ("
            + identity
            + ") c.cluster, c.grp, c.res, c.ns, c.name, c.revision, c.type, c.body"
            + " FROM atrium_changes c WHERE "
            + String.join(" AND ", inner)
            + " ORDER BY "
            + identity
            + ", c.revision DESC) h WHERE "
            + String.join(" AND ", outer.conditions)
            + " ORDER BY h.cluster, h.ns, h.name"
            + outer.limit(limit)
            + ") o ON true";
    return new Query(sql, outer.params);
  }

  private void scope(ResourceScope scope, String alias) {
    if (!scope.allClusters()) {
      conditions.add(alias + "cluster = " + param(scope.cluster()));
    }
    if (!ResourceScope.ANY.equals(scope.group())) {
      conditions.add(alias + "grp = " + param(scope.group()));
    }
    if (!ResourceScope.ANY.equals(scope.resource())) {
      conditions.add(alias + "res = " + param(scope.resource()));
    }
    if (!scope.allNamespaces()) {
      conditions.add(alias + "ns = " + param(scope.namespace()));
    }
  }

  /** A scope over every resource (the syncer view, controllers' sweeps). */
  static boolean anyResource(ResourceScope scope) {
    return ResourceScope.ANY.equals(scope.group()) || ResourceScope.ANY.equals(scope.resource());
  }

  private void after(ContinueToken after, String alias) {
    if (after != null) {
      conditions.add(
          "("
              + alias
              + "cluster, "
              + alias
              + "ns, "
              + alias
              + "name) > ("
              + param(after.cluster())
              + ", "
              + param(after.namespace())
              + ", "
              + param(after.name())
              + ")");
    }
  }

  private void selection(Selection selection, String labelsColumn, String alias) {
    LabelSelectorSql.Fragment labels =
        LabelSelectorSql.of(selection.labels(), labelsColumn, params.size() + 1);
    conditions.add("(" + labels.sql() + ")");
    params.addAll(labels.params());
    for (FieldSelector.Requirement r : selection.fields().requirements()) {
      String column = indexedField(r.field(), alias);
      if (column != null && r.operator() == FieldSelector.Operator.EQUALS) {
        conditions.add(column + " = " + param(r.value()));
      }
    }
  }

  private static String indexedField(String field, String alias) {
    switch (field) {
      case "metadata.name":
        return alias + "name";
      case "metadata.namespace":
        return alias + "ns";
      default:
        return null;
    }
  }

  private String limit(int limit) {
    return limit > 0 ? " LIMIT " + param((long) limit) : "";
  }

  private String param(Object value) {
    params.add(value);
    return "$" + params.size();
  }

  record Query(String sql, List<Object> params) {}
}
