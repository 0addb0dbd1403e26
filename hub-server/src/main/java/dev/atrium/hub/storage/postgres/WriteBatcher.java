package dev.atrium.hub.storage.postgres;

import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.StorageException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit: writes queue up while one batch is in the database; the next batch takes them all
 * (up to a size bound) into one transaction, so N concurrent writers share one WAL flush. A lone
 * write goes out at once, so it pays no extra latency. A group of writes (a unit) goes into one
 * batch whole and commits or fails as a whole (a subtransaction, see the V8 migration).
 */
final class WriteBatcher {

  private static final String SQL =
      "SELECT idx, revision, body, code FROM atrium_write_batch(($1::text)::jsonb)";
  private static final int MAX_OPS = 256;
  private static final int MAX_BYTES = 8 * 1024 * 1024;

  /** The code of the other writes of a group that failed as a whole. */
  private static final String ROLLED_BACK = "AT412";

  private static final DistributionSummary BATCH_SIZE =
      DistributionSummary.builder("atrium_storage_write_batch_size")
          .description("Writes committed together in one transaction (group commit)")
          .publishPercentiles(0.5, 0.99)
          .register(Metrics.globalRegistry);
  private static final Timer BATCH_DURATION =
      Timer.builder("atrium_storage_write_batch_duration_seconds")
          .description("Time of one write batch in PostgreSQL, commit included")
          .publishPercentileHistogram()
          .register(Metrics.globalRegistry);

  private final Pool pool;
  private final ConcurrentLinkedQueue<Unit> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean inFlight = new AtomicBoolean();

  WriteBatcher(Pool pool) {
    this.pool = pool;
  }

  /** Outcome of one write: its revision (0 for a skipped create-if-absent), deleted body. */
  record Result(long revision, String body) {}

  /**
   * One write. {@code ifAbsent}: a create that skips an existing object. {@code after}: index in
   * its unit of the write whose revision this one expects (-1: {@code expected}).
   */
  record Op(String kind, ObjectKey key, String body, long expected, boolean ifAbsent, int after) {

    static Op of(String kind, ObjectKey key, String body, long expected) {
      return new Op(kind, key, body, expected, false, -1);
    }

    void appendJson(StringBuilder b, int base, String group) {
      b.append("{\"op\":\"").append(kind).append('"');
      field(b, "c", key.cluster());
      field(b, "g", key.group());
      field(b, "r", key.resource());
      field(b, "n", key.namespace());
      field(b, "m", key.name());
      b.append(",\"e\":").append(expected);
      if (group != null) {
        b.append(",\"t\":\"").append(group).append('"');
      }
      if (ifAbsent) {
        b.append(",\"x\":1");
      }
      if (after >= 0) {
        b.append(",\"a\":").append(base + after);
      }
      if (body != null) {
        b.append(",\"b\":").append(body);
      }
      b.append('}');
    }

    int size() {
      return body == null ? 0 : body.length();
    }

    private static void field(StringBuilder b, String name, String value) {
      b.append(",\"").append(name).append("\":");
      b.append(RowMapping.JSON.getNodeFactory().textNode(value).toString());
    }
  }

  /** What one caller submitted: a lone write, or a group that commits together or not at all. */
  private record Unit(List<Op> ops, boolean grouped, UniEmitter<? super List<Result>> emitter) {

    int size() {
      int bytes = 0;
      for (Op op : ops) {
        bytes += op.size();
      }
      return bytes;
    }
  }

  Uni<Result> create(ObjectKey key, String body) {
    return single(Op.of("c", key, body, 0));
  }

  Uni<Result> update(ObjectKey key, String body, long expected) {
    return single(Op.of("u", key, body, expected));
  }

  Uni<Result> delete(ObjectKey key, long expected) {
    return single(Op.of("d", key, null, expected));
  }

  /** Writes {@code ops} in one subtransaction of the next batch: all of them, or none. */
  Uni<List<Result>> group(List<Op> ops) {
    return submit(ops, true);
  }

  private Uni<Result> single(Op op) {
    return submit(List.of(op), false).map(results -> results.get(0));
  }

  private Uni<List<Result>> submit(List<Op> ops, boolean grouped) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              queue.add(new Unit(ops, grouped, emitter));
              drain();
            });
  }

  private void drain() {
    if (queue.isEmpty() || !inFlight.compareAndSet(false, true)) {
      return;
    }
    List<Unit> batch = take();
    if (batch.isEmpty()) {
      inFlight.set(false);
      drain();
      return;
    }
    String ops = encode(batch);
    BATCH_SIZE.record(batch.stream().mapToInt(u -> u.ops().size()).sum());
    Timer.Sample sample = Timer.start();
    pool.preparedQuery(SQL)
        .execute(Tuple.of(ops))
        .onTermination()
        .invoke(() -> sample.stop(BATCH_DURATION))
        .subscribe()
        .with(rows -> finish(batch, rows, null), failure -> finish(batch, null, failure));
  }

  /** Whole units up to the bounds (a unit larger than a bound goes out alone). */
  private List<Unit> take() {
    List<Unit> batch = new ArrayList<>();
    int ops = 0;
    int bytes = 0;
    while (true) {
      Unit next = queue.peek();
      if (next == null) {
        break;
      }
      int size = next.size();
      if (!batch.isEmpty() && (ops + next.ops().size() > MAX_OPS || bytes + size > MAX_BYTES)) {
        break;
      }
      batch.add(queue.poll());
      ops += next.ops().size();
      bytes += size;
    }
    return batch;
  }

  private static String encode(List<Unit> batch) {
    StringBuilder b = new StringBuilder("[");
    int index = 0;
    for (int u = 0; u < batch.size(); u++) {
      Unit unit = batch.get(u);
      String group = unit.grouped() ? Integer.toString(u) : null;
      int base = index;
      for (Op op : unit.ops()) {
        if (index > 0) {
          b.append(',');
        }
        op.appendJson(b, base, group);
        index++;
      }
    }
    return b.append(']').toString();
  }

  private void finish(List<Unit> batch, RowSet<Row> rows, Throwable failure) {
    inFlight.set(false);
    drain();
    if (failure != null) {
      batch.forEach(unit -> unit.emitter().fail(RowMapping.translate(failure, firstKey(unit))));
      return;
    }
    Row[] byIndex = new Row[rows.size()];
    rows.forEach(row -> byIndex[row.getInteger("idx")] = row);
    List<Row> all = java.util.Arrays.asList(byIndex);
    int index = 0;
    for (Unit unit : batch) {
      complete(unit, all.subList(index, index + unit.ops().size()));
      index += unit.ops().size();
    }
  }

  private static ObjectKey firstKey(Unit unit) {
    return unit.ops().get(0).key();
  }

  /** A unit's rows, in order: its results, or the error of the write that failed. */
  private static void complete(Unit unit, List<Row> rows) {
    List<Result> results = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      String code = row.getString("code");
      if (code != null && !code.equals(ROLLED_BACK)) {
        unit.emitter().fail(error(code, unit.ops().get(i).key()));
        return;
      }
      Long revision = row.getLong("revision");
      results.add(new Result(revision == null ? 0 : revision, row.getString("body")));
    }
    unit.emitter().complete(results);
  }

  private static StorageException error(String code, ObjectKey key) {
    switch (code) {
      case "AT001":
        return new StorageException.AlreadyExists(key);
      case "AT404":
        return new StorageException.NotFound(key);
      default:
        return new StorageException.Conflict(key);
    }
  }
}
