package dev.atrium.hub.storage.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.ListPage;
import dev.atrium.hub.storage.ListRequest;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.Store;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchListener;
import dev.atrium.hub.storage.WatchSubscription;
import dev.atrium.hub.storage.Write;
import dev.atrium.hub.storage.selection.Selection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@link Store} on PostgreSQL: write functions from the V1 migration, lists, and the watch hub. */
public class PgStore implements Store {

  static final int MAX_OBJECT_BYTES = 3 * 1024 * 1024;

  private static final String DEPENDENTS =
      "SELECT cluster, grp, res, ns, name, revision, body::text AS body FROM atrium_objects"
          + " WHERE cluster = $1 AND body -> 'metadata' -> 'ownerReferences' @> ($2::text)::jsonb";

  private static final long COMPACTION_STEP = 2000;

  /** Between steps: a long compaction shares the database with writes instead of hogging it. */
  private static final java.time.Duration COMPACTION_PAUSE = java.time.Duration.ofMillis(20);

  private final Pool pool;
  private final PgWatchHub watchHub;
  private final WriteBatcher writes;
  private final ReadBatcher reads;

  public PgStore(Pool pool, PgWatchHub watchHub) {
    this.pool = pool;
    this.watchHub = watchHub;
    this.writes = new WriteBatcher(pool);
    this.reads = new ReadBatcher(pool);
  }

  private StoredObject written(ObjectKey key, ObjectNode body, long revision) {
    StoredObject stored = RowMapping.stored(key, body, revision);
    watchHub.wrote(key, revision, stored.body());
    return stored;
  }

  @Override
  public Uni<StoredObject> create(ObjectKey key, ObjectNode body) {
    return Uni.createFrom()
        .item(() -> checkedBody(key, body))
        .chain(text -> writes.create(key, text))
        .map(result -> written(key, body, result.revision()));
  }

  @Override
  public Uni<List<StoredObject>> writeAll(List<Write> group) {
    return Uni.createFrom()
        .item(() -> group.stream().map(PgStore::op).toList())
        .chain(writes::group)
        .map(results -> writtenAll(group, results));
  }

  private static WriteBatcher.Op op(Write write) {
    String body = checkedBody(write.key(), write.body());
    return switch (write.kind()) {
      case CREATE -> WriteBatcher.Op.of("c", write.key(), body, 0);
      case CREATE_IF_ABSENT -> new WriteBatcher.Op("c", write.key(), body, 0, true, -1);
      case UPDATE ->
          new WriteBatcher.Op(
              "u", write.key(), body, write.expectedRevision(), false, write.after());
    };
  }

  private List<StoredObject> writtenAll(List<Write> group, List<WriteBatcher.Result> results) {
    List<StoredObject> stored = new ArrayList<>(group.size());
    for (int i = 0; i < group.size(); i++) {
      Write write = group.get(i);
      long revision = results.get(i).revision();
      stored.add(revision == 0 ? null : written(write.key(), write.body(), revision));
    }
    return stored;
  }

  @Override
  public Uni<StoredObject> get(ObjectKey key) {
    return reads
        .get(key)
        .map(found -> toObject(key, found))
        .onFailure()
        .transform(f -> RowMapping.translate(f, key));
  }

  @Override
  public Uni<StoredObject> update(ObjectKey key, ObjectNode body, long expectedRevision) {
    return Uni.createFrom()
        .item(() -> checkedBody(key, body))
        .chain(text -> writes.update(key, text, expectedRevision))
        .map(result -> written(key, body, result.revision()));
  }

  @Override
  public Uni<StoredObject> delete(ObjectKey key, long expectedRevision) {
    return writes
        .delete(key, expectedRevision)
        .map(result -> RowMapping.stored(key, result.body(), result.revision()));
  }

  @Override
  public Uni<ListPage> list(ListRequest request) {
    ContinueToken after =
        request.continueToken() == null ? null : ContinueToken.decode(request.continueToken());
    long revision = after != null ? after.revision() : request.atRevision();
    int fetchLimit = request.limit() > 0 ? request.limit() + 1 : 0;
    ListSql.Query query =
        revision == 0
            ? ListSql.latest(request.scope(), request.selection(), after, fetchLimit)
            : ListSql.atRevision(request.scope(), request.selection(), after, fetchLimit, revision);
    return pool.preparedQuery(query.sql())
        .execute(Tuple.from(query.params()))
        .map(rows -> toPage(request, rows))
        .onFailure()
        .transform(f -> RowMapping.translate(f, null));
  }

  @Override
  public Uni<Long> currentRevision() {
    return pool.query("SELECT atrium_current_revision()")
        .execute()
        .map(PgStore::firstLong)
        .onFailure()
        .transform(f -> RowMapping.translate(f, null));
  }

  @Override
  public WatchSubscription watch(
      ResourceScope scope, Selection selection, long fromRevision, WatchListener listener) {
    return watchHub.subscribe(scope, selection, fromRevision, listener);
  }

  @Override
  public Uni<Long> deleteClusters(String path) {
    return pool.preparedQuery("SELECT atrium_delete_clusters($1)")
        .execute(Tuple.of(path))
        .map(PgStore::firstLong)
        .onFailure()
        .transform(f -> RowMapping.translate(f, null));
  }

  @Override
  public Uni<List<StoredObject>> dependents(String cluster, String ownerUid) {
    String owner = RowMapping.JSON.createObjectNode().put("uid", ownerUid).toString();
    return pool.preparedQuery(DEPENDENTS)
        .execute(Tuple.of(cluster, "[" + owner + "]"))
        .map(PgStore::toObjects)
        .onFailure()
        .transform(f -> RowMapping.translate(f, null));
  }

  private static List<StoredObject> toObjects(RowSet<Row> rows) {
    List<StoredObject> objects = new ArrayList<>();
    for (Row row : rows) {
      ObjectKey key =
          new ObjectKey(
              row.getString("cluster"),
              row.getString("grp"),
              row.getString("res"),
              row.getString("ns"),
              row.getString("name"));
      objects.add(RowMapping.stored(key, row.getString("body"), row.getLong("revision")));
    }
    return objects;
  }

  @Override
  public Uni<Long> compact(long watermark) {
    return compactFrom(watermark, -1);
  }

  /**
   * One bounded step (its own transaction, at most {@link #COMPACTION_STEP} revisions), then the
   * next, until the watermark reaches the target or the current revision.
   */
  private Uni<Long> compactFrom(long target, long previous) {
    return pool.preparedQuery("SELECT atrium_compact_step($1, $2)")
        .execute(Tuple.of(target, COMPACTION_STEP))
        .map(PgStore::firstLong)
        .invoke(watchHub::watermarkAdvanced)
        .onFailure()
        .transform(f -> RowMapping.translate(f, null))
        .chain(w -> w >= target || w == previous ? Uni.createFrom().item(w) : nextStep(target, w));
  }

  private Uni<Long> nextStep(long target, long reached) {
    return Uni.createFrom()
        .voidItem()
        .onItem()
        .delayIt()
        .by(COMPACTION_PAUSE)
        .chain(() -> compactFrom(target, reached));
  }

  @Override
  public Uni<Long> watermark() {
    return pool.query("SELECT watermark FROM atrium_meta")
        .execute()
        .map(PgStore::firstLong)
        .onFailure()
        .transform(f -> RowMapping.translate(f, null));
  }

  private static String checkedBody(ObjectKey key, ObjectNode body) {
    String text = RowMapping.bodyForStorage(body);
    // The limit is in UTF-8 bytes; a UTF-16 char never takes more than 3, so short bodies skip it.
    if (text.length() > MAX_OBJECT_BYTES / 3) {
      int bytes = text.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_OBJECT_BYTES) {
        throw new StorageException.TooLarge(key, bytes);
      }
    }
    return text;
  }

  private static long firstLong(RowSet<Row> rows) {
    return rows.iterator().next().getLong(0);
  }

  private static StoredObject toObject(ObjectKey key, ReadBatcher.Found found) {
    if (found == null) {
      throw new StorageException.NotFound(key);
    }
    return RowMapping.stored(key, found.body(), found.revision());
  }

  private static ListPage toPage(ListRequest request, RowSet<Row> rows) {
    List<StoredObject> items = new ArrayList<>();
    long snapshot = 0;
    long watermark = 0;
    ObjectKey last = null;
    int fetched = 0;
    for (Row row : rows) {
      snapshot = row.getLong("snap_rev");
      watermark = row.getLong("wm");
      if (row.getString("name") == null) {
        continue;
      }
      fetched++;
      if (request.limit() > 0 && fetched > request.limit()) {
        break;
      }
      last =
          new ObjectKey(
              row.getString("cluster"),
              row.getString("grp"),
              row.getString("res"),
              row.getString("ns"),
              row.getString("name"));
      StoredObject object = RowMapping.stored(last, row.getString("body"), row.getLong("revision"));
      if (request.selection().matches(object.body())) {
        items.add(object);
      }
    }
    if (snapshot < watermark) {
      throw new StorageException.Expired(snapshot, watermark);
    }
    boolean more = request.limit() > 0 && fetched > request.limit();
    String token =
        more
            ? new ContinueToken(snapshot, last.cluster(), last.namespace(), last.name()).encode()
            : null;
    return new ListPage(items, snapshot, token, null);
  }
}
