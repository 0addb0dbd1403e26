package dev.atrium.hub.storage.postgres;

import dev.atrium.hub.storage.ObjectKey;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Point reads by key, batched: while {@link #MAX_IN_FLIGHT} reads are in the database, further gets
 * queue up and the next free slot takes them all (up to {@link #MAX_KEYS}) in one statement. Each
 * statement costs PostgreSQL a round trip, an implicit transaction and a snapshot whatever it reads
 * (about 0.13 ms of backend CPU per get under 16 clients against 0.04 ms executing it), so
 * concurrent gets share that. A get that finds a free slot goes out at once, alone. Every read
 * starts after its get was issued, so a get still sees every write that completed before it.
 */
final class ReadBatcher {

  static final String ONE =
      "SELECT revision, body::text AS body FROM atrium_objects"
          + " WHERE cluster = $1 AND grp = $2 AND res = $3 AND ns = $4 AND name = $5";

  /** Keys as five parallel arrays; {@code i} is the key's position (1-based) in them. */
  static final String MANY =
      "SELECT k.i, o.revision, o.body::text AS body"
          + " FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])"
          + " WITH ORDINALITY AS k(c, g, r, n, m, i)"
          + " JOIN atrium_objects o ON o.cluster = k.c AND o.grp = k.g AND o.res = k.r"
          + " AND o.ns = k.n AND o.name = k.m";

  static final int MAX_IN_FLIGHT = 2;
  static final int MAX_KEYS = 64;

  /** A row read for a key; {@code null} from {@link #get} when there is none. */
  record Found(long revision, String body) {}

  private record Pending(ObjectKey key, UniEmitter<? super Found> emitter) {}

  private final Pool pool;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  ReadBatcher(Pool pool) {
    this.pool = pool;
  }

  /** The stored revision and body of {@code key}, or a null item when it does not exist. */
  Uni<Found> get(ObjectKey key) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              queue.add(new Pending(key, emitter));
              drain();
            });
  }

  private void drain() {
    while (!queue.isEmpty() && acquire()) {
      List<Pending> batch = take();
      if (batch.isEmpty()) {
        inFlight.decrementAndGet();
        continue;
      }
      send(batch);
    }
  }

  private boolean acquire() {
    while (true) {
      int current = inFlight.get();
      if (current >= MAX_IN_FLIGHT) {
        return false;
      }
      if (inFlight.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  private List<Pending> take() {
    List<Pending> batch = new ArrayList<>();
    Pending next;
    while (batch.size() < MAX_KEYS && (next = queue.poll()) != null) {
      batch.add(next);
    }
    return batch;
  }

  private void send(List<Pending> batch) {
    Uni<RowSet<Row>> query =
        batch.size() == 1
            ? pool.preparedQuery(ONE).execute(keyTuple(batch.get(0).key()))
            : pool.preparedQuery(MANY).execute(keysTuple(batch));
    query
        .subscribe()
        .with(rows -> finish(batch, rows, null), failure -> finish(batch, null, failure));
  }

  private void finish(List<Pending> batch, RowSet<Row> rows, Throwable failure) {
    inFlight.decrementAndGet();
    drain();
    if (failure != null) {
      batch.forEach(p -> p.emitter().fail(failure));
    } else if (batch.size() == 1) {
      batch.get(0).emitter().complete(single(rows));
    } else {
      complete(batch, rows);
    }
  }

  private static Found single(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row row = rows.iterator().next();
    return new Found(row.getLong("revision"), row.getString("body"));
  }

  private static void complete(List<Pending> batch, RowSet<Row> rows) {
    Found[] found = new Found[batch.size()];
    for (Row row : rows) {
      found[(int) (row.getLong("i") - 1)] =
          new Found(row.getLong("revision"), row.getString("body"));
    }
    for (int i = 0; i < found.length; i++) {
      batch.get(i).emitter().complete(found[i]);
    }
  }

  static Tuple keyTuple(ObjectKey key) {
    return Tuple.of(key.cluster(), key.group(), key.resource(), key.namespace(), key.name());
  }

  private static Tuple keysTuple(List<Pending> batch) {
    int n = batch.size();
    String[][] columns = new String[5][n];
    for (int i = 0; i < n; i++) {
      ObjectKey key = batch.get(i).key();
      columns[0][i] = key.cluster();
      columns[1][i] = key.group();
      columns[2][i] = key.resource();
      columns[3][i] = key.namespace();
      columns[4][i] = key.name();
    }
    return Tuple.of(columns[0], columns[1], columns[2], columns[3], columns[4]);
  }
}
