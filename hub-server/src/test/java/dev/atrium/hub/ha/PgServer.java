package dev.atrium.hub.ha;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external PostgreSQL server of the machine's PostgreSQL 15 (Debian's postgresql-15: {@code
 * /usr/lib/postgresql/15/bin}), run from a temporary data directory on a given port, as production
 * would run one: initdb, pg_ctl start/stop/promote, pg_basebackup for a streaming standby. As root
 * the server runs as the {@code postgres} user (PostgreSQL refuses root). When the binaries are
 * missing, root installs them with apt-get; anyone else gets a failure saying so.
 */
final class PgServer {

  static final Path BIN =
      Path.of(System.getProperty("atrium.pg.bin", "/usr/lib/postgresql/15/bin"));
  static final String DATABASE = "atrium";
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  final Path dir;
  final int port;

  private PgServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** A new primary: initdb into {@code dir}, configured for streaming replication, started. */
  static PgServer primary(Path dir, int port) throws Exception {
    ensureBinaries();
    Files.createDirectories(dir.getParent());
    own(dir.getParent());
    run(
        List.of(
            BIN.resolve("initdb").toString(),
            "-D",
            dir.toString(),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync"));
    PgServer server = new PgServer(dir, port);
    Files.writeString(
        dir.resolve("postgresql.conf"),
        String.join(
            "\n",
            "",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = '" + dir.getParent() + "'",
            "max_connections = 200",
            "shared_buffers = 128MB",
            "wal_level = replica",
            "max_wal_senders = 5",
            "wal_keep_size = 256MB",
            "hot_standby = on",
            "fsync = on",
            "synchronous_commit = on",
            // a standby reconnects to a restarted primary within 0.5 s (default 5 s): with a
            // synchronous standby, commits wait for it
            "wal_retrieve_retry_interval = 500ms",
            ""),
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    server.portConf();
    server.start();
    server.sql("postgres", "CREATE DATABASE " + DATABASE);
    return server;
  }

  /** A streaming standby of this server (pg_basebackup -R), started. */
  PgServer standby(Path standbyDir, int standbyPort) throws Exception {
    run(
        List.of(
            BIN.resolve("pg_basebackup").toString(),
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-U",
            "postgres",
            "-D",
            standbyDir.toString(),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast"));
    PgServer standby = new PgServer(standbyDir, standbyPort);
    standby.portConf();
    standby.start();
    return standby;
  }

  /** Commits wait until the standby has the WAL: a fail-over loses nothing acknowledged. */
  void synchronousStandby() throws Exception {
    sql("postgres", "ALTER SYSTEM SET synchronous_standby_names = '*'");
    sql("postgres", "SELECT pg_reload_conf()");
    long deadline = System.currentTimeMillis() + 30_000;
    while (!sql("postgres", "SELECT string_agg(sync_state, ',') FROM pg_stat_replication")
        .contains("sync")) {
      if (System.currentTimeMillis() > deadline) {
        fail("the standby did not become synchronous");
      }
      Thread.sleep(100);
    }
  }

  private void portConf() throws Exception {
    Files.writeString(
        dir.resolve("postgresql.auto.conf"),
        "\nport = " + port + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    own(dir);
  }

  void start() throws Exception {
    run(
        List.of(
            BIN.resolve("pg_ctl").toString(),
            "-D",
            dir.toString(),
            "-l",
            dir.getParent().resolve(dir.getFileName() + ".log").toString(),
            "-w",
            "-t",
            "60",
            "start"));
  }

  /** {@code mode}: smart, fast, or immediate (as a crash: no shutdown checkpoint). */
  void stop(String mode) throws Exception {
    run(
        List.of(
            BIN.resolve("pg_ctl").toString(),
            "-D",
            dir.toString(),
            "-m",
            mode,
            "-w",
            "-t",
            "60",
            "stop"));
  }

  void stopQuietly() {
    try {
      stop("immediate");
    } catch (Exception | AssertionError e) {
      // already stopped
    }
  }

  void promote() throws Exception {
    run(
        List.of(
            BIN.resolve("pg_ctl").toString(), "-D", dir.toString(), "-w", "-t", "60", "promote"));
  }

  /** Runs one statement with psql and returns its unaligned output. */
  String sql(String database, String statement) throws Exception {
    return run(List.of(
            BIN.resolve("psql").toString(),
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-U",
            "postgres",
            "-d",
            database,
            "-XAtq",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            statement))
        .strip();
  }

  String url() {
    return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  private static void ensureBinaries() throws Exception {
    if (Files.isExecutable(BIN.resolve("postgres"))) {
      return;
    }
    if (!ROOT) {
      fail(
          "PostgreSQL 15 server binaries not found in "
              + BIN
              + "; install Debian's postgresql-15 (apt-get install postgresql-15) or set"
              + " -Datrium.pg.bin");
    }
    exec(List.of("apt-get", "update"), 600);
    exec(List.of("apt-get", "install", "-y", "--no-install-recommends", "postgresql-15"), 900);
    if (!Files.isExecutable(BIN.resolve("postgres"))) {
      fail("apt-get install postgresql-15 did not provide " + BIN.resolve("postgres"));
    }
  }

  /** The directory belongs to the user PostgreSQL runs as. */
  private static void own(Path path) throws Exception {
    if (ROOT) {
      exec(List.of("chown", "-R", "postgres:postgres", path.toString()), 60);
    }
  }

  private static String run(List<String> command) throws Exception {
    List<String> full = new ArrayList<>();
    if (ROOT) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    return exec(full, 120);
  }

  private static String exec(List<String> command, int seconds) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("timed out: " + command);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail(command + " failed (" + p.exitValue() + "): " + text);
    }
    return text;
  }
}
