package dev.atrium.hub.storage.postgres;

import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Reading change-log rows as {@link WatchEvent}s. */
final class ChangeRows {

  static final int BATCH = 1000;

  private static final String COLUMNS =
      "SELECT c.revision, c.cluster, c.grp, c.res, c.ns, c.name, c.type, c.body::text AS body,"
          + " p.revision AS prev_rev, p.body::text AS prev_body"
          + " FROM atrium_changes c LEFT JOIN atrium_changes p ON p.revision = c.prev_revision";

  static final String AFTER = COLUMNS + " WHERE c.revision > $1 ORDER BY c.revision LIMIT " + BATCH;

  private ChangeRows() {}

  /** Changes in (from, to] within one scope, for replaying a watch older than the memory window. */
  static String scoped(ResourceScope scope, Tuple params, long from, long to) {
    params.addLong(from).addLong(to);
    StringBuilder sql =
        new StringBuilder(COLUMNS).append(" WHERE c.revision > $1 AND c.revision <= $2");
    if (!ResourceScope.ANY.equals(scope.group())) {
      params.addString(scope.group()).addString(scope.resource());
      sql.append(" AND c.grp = $3 AND c.res = $4");
    }
    if (!scope.allClusters()) {
      params.addString(scope.cluster());
      sql.append(" AND c.cluster = $").append(params.size());
    }
    if (!scope.allNamespaces()) {
      params.addString(scope.namespace());
      sql.append(" AND c.ns = $").append(params.size());
    }
    return sql.append(" ORDER BY c.revision").toString();
  }

  /**
   * A change as fanned out to watchers ({@code live}, whose bodies the consumers parse) and as kept
   * in the replay window ({@code kept}: the same rows, parsed again only if replayed, so the window
   * holds JSON text rather than object trees).
   */
  record FeedEvent(WatchEvent live, WatchEvent kept) {}

  static List<FeedEvent> feedEvents(Iterable<Row> rows) {
    List<FeedEvent> events = new ArrayList<>();
    for (Row row : rows) {
      events.add(new FeedEvent(event(row), event(row)));
    }
    return events;
  }

  static List<WatchEvent> events(Iterable<Row> rows) {
    List<WatchEvent> events = new ArrayList<>();
    for (Row row : rows) {
      events.add(event(row));
    }
    return events;
  }

  static WatchEvent event(Row row) {
    ObjectKey key =
        new ObjectKey(
            row.getString("cluster"),
            row.getString("grp"),
            row.getString("res"),
            row.getString("ns"),
            row.getString("name"));
    StoredObject object = RowMapping.lazy(key, row.getString("body"), row.getLong("revision"));
    String prevBody = row.getString("prev_body");
    StoredObject previous =
        prevBody == null ? null : RowMapping.lazy(key, prevBody, row.getLong("prev_rev"));
    return new WatchEvent(type(row.getShort("type")), object, previous);
  }

  private static WatchEvent.Type type(short code) {
    switch (code) {
      case 0:
        return WatchEvent.Type.ADDED;
      case 1:
        return WatchEvent.Type.MODIFIED;
      default:
        return WatchEvent.Type.DELETED;
    }
  }
}
