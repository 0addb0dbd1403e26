package dev.atrium.hub.storage.postgres;

import dev.atrium.hub.bootstrap.EmbeddedDatabase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * One embedded PostgreSQL per test JVM (temp data dir, V1 migration applied by Flyway) and one
 * Vert.x. Tests build pools, watch hubs and stores on it; each test keeps to its own logical
 * cluster name. Everything is torn down by a shutdown hook.
 */
final class PgTestDatabase {

  private static PgTestDatabase instance;

  private final EmbeddedDatabase database;
  private final Path dataDir;
  private final Vertx vertx;
  private final List<Runnable> cleanups = new ArrayList<>();

  private PgTestDatabase(EmbeddedDatabase database, Path dataDir) {
    this.database = database;
    this.dataDir = dataDir;
    this.vertx = Vertx.vertx();
  }

  /** The shared database, started and migrated on first use. */
  static synchronized PgTestDatabase get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("atrium-pg-it");
        EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("data"), false);
        Flyway.configure()
            .dataSource(db.jdbcUrl(), db.user(), null)
            .locations("classpath:db/migration")
            .load()
            .migrate();
        instance = new PgTestDatabase(db, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "pg-test-db-stop"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  Vertx vertx() {
    return vertx;
  }

  /** Connection options for the atrium database, tagged with {@code applicationName}. */
  PgConnectOptions connectOptions(String applicationName) {
    return connectOptions(EmbeddedDatabase.DATABASE, applicationName);
  }

  /** Connection options for any database of the server (e.g. "postgres"). */
  PgConnectOptions connectOptions(String databaseName, String applicationName) {
    return new PgConnectOptions()
        .setHost("localhost")
        .setPort(database.port())
        .setDatabase(databaseName)
        .setUser(database.user())
        .setProperties(Map.of("application_name", applicationName));
  }

  /** A new pool (like one hub replica's), closed at shutdown. */
  io.vertx.sqlclient.Pool pool(String applicationName, int size) {
    io.vertx.sqlclient.Pool pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(size))
            .connectingTo(connectOptions(applicationName))
            .using(vertx)
            .build();
    onShutdown(pool::close);
    return pool;
  }

  /**
   * A started watch hub on {@code pool}, LISTENing with {@code listenOptions}; stopped at shutdown.
   */
  PgWatchHub hub(
      io.vertx.sqlclient.Pool pool,
      PgConnectOptions listenOptions,
      int windowSize,
      long catchUpMillis) {
    PgWatchHub hub = new PgWatchHub(vertx, pool, listenOptions, windowSize, catchUpMillis);
    hub.start();
    onShutdown(hub::stop);
    return hub;
  }

  /** A store like {@link StorageProducer} builds: pool + watch hub. */
  PgStore store(io.vertx.sqlclient.Pool pool, PgWatchHub hub) {
    return new PgStore(io.vertx.mutiny.sqlclient.Pool.newInstance(pool), hub);
  }

  synchronized void onShutdown(Runnable cleanup) {
    cleanups.add(cleanup);
  }

  private void shutdown() {
    List<Runnable> all;
    synchronized (this) {
      all = new ArrayList<>(cleanups);
    }
    for (Runnable cleanup : all) {
      try {
        cleanup.run();
      } catch (RuntimeException ignored) {
        // best effort at JVM exit
      }
    }
    vertx.close();
    try {
      database.close();
    } catch (IOException ignored) {
      // best effort at JVM exit
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp dir; the OS cleans it eventually
    }
  }
}
