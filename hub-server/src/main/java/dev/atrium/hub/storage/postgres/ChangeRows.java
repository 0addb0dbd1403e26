package dev.atrium.hub.storage.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /**
   * The previous body comes from a per-row subquery (an index lookup) rather than a join: a join's
   * plan depends on statistics, and a hash join over the whole change log, spilling its bodies to
   * disk, was seen while autovacuum refreshed them.
   */
  private static final String COLUMNS =
      "SELECT c.revision, c.cluster, c.grp, c.res, c.ns, c.name, c.type, c.body::text AS body,"
          + " c.prev_revision AS prev_rev,"
          + " (SELECT p.body::text FROM atrium_changes p WHERE p.revision = c.prev_revision)"
          + " AS prev_body";

  /**
   * The next changes after {@code revision}: the newest rows by primary key first, then their
   * previous bodies. The revision is in the statement text, not a parameter, so the statement is
   * never prepared and each fetch is planned for its own value. As a prepared statement (the pool
   * caches them per connection) it got a generic plan after five runs; one made while the change
   * log was a few pages was a scan and sort of the whole table, and it stayed cached until
   * autovacuum next analyzed the log (it looks once a minute). Seen as the feed reading ~130,000
   * rows per fetch for the length of a benchmark: most of a core, every latency ×20.
   */
  static String after(long revision) {
    return COLUMNS
        + " FROM (SELECT * FROM atrium_changes WHERE revision > "
        + revision
        + " ORDER BY revision LIMIT "
        + BATCH
        + ") c ORDER BY c.revision";
  }

  private ChangeRows() {}

  /** Changes in (from, to] within one scope, for replaying a watch older than the memory window. */
  static String scoped(ResourceScope scope, Tuple params, long from, long to) {
    params.addLong(from).addLong(to);
    StringBuilder sql =
        new StringBuilder(COLUMNS)
            .append(" FROM atrium_changes c WHERE c.revision > $1 AND c.revision <= $2");
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

  /**
   * Feed events for fetched rows. A row this replica wrote itself gets the body tree it wrote (from
   * {@code recent}) in its live event instead of a parse of the row.
   */
  static List<FeedEvent> feedEvents(Iterable<Row> rows, RecentWrites recent) {
    List<FeedEvent> events = new ArrayList<>();
    for (Row row : rows) {
      WatchEvent live = event(row);
      ObjectNode own = recent.take(live.object().key(), live.revision());
      if (own != null) {
        StoredObject written = new StoredObject(live.object().key(), own, live.revision());
        live = new WatchEvent(live.type(), written, live.previous());
      }
      events.add(new FeedEvent(live, event(row)));
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
