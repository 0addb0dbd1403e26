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
 * write goes out at once, so it pays no extra latency.
 */
final class WriteBatcher {

  private static final String SQL =
      "SELECT idx, revision, body, code FROM atrium_write_batch(($1::text)::jsonb)";
  private static final int MAX_OPS = 256;
  private static final int MAX_BYTES = 8 * 1024 * 1024;

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
  private final ConcurrentLinkedQueue<Op> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean inFlight = new AtomicBoolean();

  WriteBatcher(Pool pool) {
    this.pool = pool;
  }

  /** Outcome of one write: its revision, and the deleted body for deletes. */
  record Result(long revision, String body) {}

  private record Op(
      String kind, ObjectKey key, String body, long expected, UniEmitter<? super Result> emitter) {

    String json() {
      StringBuilder b = new StringBuilder(64 + (body == null ? 0 : body.length()));
      b.append("{\"op\":\"").append(kind).append('"');
      field(b, "c", key.cluster());
      field(b, "g", key.group());
      field(b, "r", key.resource());
      field(b, "n", key.namespace());
      field(b, "m", key.name());
      b.append(",\"e\":").append(expected);
      if (body != null) {
        b.append(",\"b\":").append(body);
      }
      return b.append('}').toString();
    }

    private static void field(StringBuilder b, String name, String value) {
      b.append(",\"").append(name).append("\":");
      b.append(RowMapping.JSON.getNodeFactory().textNode(value).toString());
    }
  }

  Uni<Result> create(ObjectKey key, String body) {
    return submit("c", key, body, 0);
  }

  Uni<Result> update(ObjectKey key, String body, long expected) {
    return submit("u", key, body, expected);
  }

  Uni<Result> delete(ObjectKey key, long expected) {
    return submit("d", key, null, expected);
  }

  private Uni<Result> submit(String kind, ObjectKey key, String body, long expected) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              queue.add(new Op(kind, key, body, expected, emitter));
              drain();
            });
  }

  private void drain() {
    if (queue.isEmpty() || !inFlight.compareAndSet(false, true)) {
      return;
    }
    List<Op> batch = take();
    if (batch.isEmpty()) {
      inFlight.set(false);
      drain();
      return;
    }
    String ops = encode(batch);
    BATCH_SIZE.record(batch.size());
    Timer.Sample sample = Timer.start();
    pool.preparedQuery(SQL)
        .execute(Tuple.of(ops))
        .onTermination()
        .invoke(() -> sample.stop(BATCH_DURATION))
        .subscribe()
        .with(rows -> finish(batch, rows, null), failure -> finish(batch, null, failure));
  }

  private List<Op> take() {
    List<Op> batch = new ArrayList<>();
    int bytes = 0;
    while (batch.size() < MAX_OPS) {
      Op next = queue.peek();
      if (next == null) {
        break;
      }
      int size = next.body() == null ? 0 : next.body().length();
      if (!batch.isEmpty() && bytes + size > MAX_BYTES) {
        break;
      }
      batch.add(queue.poll());
      bytes += size;
    }
    return batch;
  }

  private static String encode(List<Op> batch) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(batch.get(i).json());
    }
    return b.append(']').toString();
  }

  private void finish(List<Op> batch, RowSet<Row> rows, Throwable failure) {
    inFlight.set(false);
    drain();
    if (failure != null) {
      batch.forEach(op -> op.emitter().fail(RowMapping.translate(failure, op.key())));
      return;
    }
    for (Row row : rows) {
      Op op = batch.get(row.getInteger("idx"));
      String code = row.getString("code");
      if (code == null) {
        op.emitter().complete(new Result(row.getLong("revision"), row.getString("body")));
      } else {
        op.emitter().fail(error(code, op.key()));
      }
    }
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
