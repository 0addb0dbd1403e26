package dev.atrium.hub.storage.postgres;

import dev.atrium.hub.storage.Heartbeats;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@link Heartbeats} in the unlogged table {@code atrium_heartbeats}: this replica's heartbeats are
 * upserted in one statement every {@code atrium.sync.heartbeat-flush} and the other replicas' read
 * back every {@code atrium.sync.heartbeat-poll} (only the rows newer than the last read).
 */
@ApplicationScoped
public class PgHeartbeats implements Heartbeats {

  private static final Logger LOG = Logger.getLogger(PgHeartbeats.class);
  private static final String UPSERT =
      "INSERT INTO atrium_heartbeats (target_key, beat)"
          + " SELECT * FROM unnest($1::text[], $2::timestamptz[])"
          + " ON CONFLICT (target_key) DO UPDATE"
          + " SET beat = GREATEST(atrium_heartbeats.beat, EXCLUDED.beat)";
  private static final String NEWER =
      "SELECT target_key, beat FROM atrium_heartbeats WHERE beat > $1";

  @Inject Pool pool;
  @Inject Vertx vertx;

  @ConfigProperty(name = "atrium.sync.heartbeat-flush-millis", defaultValue = "500")
  long flushMillis;

  @ConfigProperty(name = "atrium.sync.heartbeat-poll-millis", defaultValue = "1000")
  long pollMillis;

  private final Map<String, Instant> known = new ConcurrentHashMap<>();
  private final Map<String, Instant> unflushed = new ConcurrentHashMap<>();
  private volatile Instant polledUpTo = Instant.EPOCH;
  private final List<Long> timers = new ArrayList<>();

  void start(@Observes StartupEvent event) {
    timers.add(vertx.setPeriodic(flushMillis, id -> flush()));
    timers.add(vertx.setPeriodic(pollMillis, id -> poll()));
  }

  void stop(@Observes ShutdownEvent event) {
    timers.forEach(vertx::cancelTimer);
  }

  @Override
  public void record(String key, Instant at) {
    known.merge(key, at, Heartbeats::later);
    unflushed.merge(key, at, Heartbeats::later);
  }

  @Override
  public Optional<Instant> last(String key) {
    return Optional.ofNullable(known.get(key));
  }

  private void flush() {
    if (unflushed.isEmpty()) {
      return;
    }
    List<String> keys = new ArrayList<>();
    List<OffsetDateTime> beats = new ArrayList<>();
    for (String key : List.copyOf(unflushed.keySet())) {
      Instant at = unflushed.remove(key);
      if (at != null) {
        keys.add(key);
        beats.add(OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      }
    }
    pool.preparedQuery(UPSERT)
        .execute(Tuple.of(keys.toArray(String[]::new), beats.toArray(OffsetDateTime[]::new)))
        .subscribe()
        .with(r -> {}, f -> LOG.debugf("heartbeat flush failed: %s", f.getMessage()));
  }

  private void poll() {
    Instant since = polledUpTo.minusSeconds(5);
    pool.preparedQuery(NEWER)
        .execute(Tuple.of(OffsetDateTime.ofInstant(since, ZoneOffset.UTC)))
        .subscribe()
        .with(
            rows -> {
              Instant newest = polledUpTo;
              for (Row row : rows) {
                Instant beat = row.getOffsetDateTime("beat").toInstant();
                known.merge(row.getString("target_key"), beat, Heartbeats::later);
                newest = Heartbeats.later(newest, beat);
              }
              polledUpTo = newest;
            },
            f -> LOG.debugf("heartbeat poll failed: %s", f.getMessage()));
  }
}
