package dev.atrium.hub.ha;

import static org.junit.jupiter.api.Assertions.fail;

import dev.atrium.hub.auth.tokens.SigningKey;
import dev.atrium.hub.bootstrap.Bootstrap;
import dev.atrium.hub.bootstrap.Pki;
import dev.atrium.hub.bootstrap.TokenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One hub replica as a process of the built jar ({@code target/quarkus-app/quarkus-run.jar}), with
 * its own data dir and port, on an external PostgreSQL. Replicas share the CA, the serving
 * certificate, the token file and the ServiceAccount signing key: {@link #prepareShared} creates
 * them once and every replica's data dir starts as a copy.
 */
final class HubProcess {

  private static final List<String> SHARED =
      List.of(
          Pki.CA_CERT_FILE,
          Pki.CA_KEY_FILE,
          Pki.SERVING_CERT_FILE,
          Pki.SERVING_KEY_FILE,
          TokenFile.FILE_NAME,
          SigningKey.FILE_NAME);

  final String name;
  final int port;
  final Path dir;
  private final String dbUrl;
  private Process process;

  HubProcess(String name, Path root, Path shared, int port, String dbUrl) throws IOException {
    this.name = name;
    this.port = port;
    this.dir = root.resolve(name);
    this.dbUrl = dbUrl;
    Files.createDirectories(dir);
    for (String file : SHARED) {
      Files.copy(
          shared.resolve(file),
          dir.resolve(file),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  /** The material all replicas share; returns the admin token. */
  static String prepareShared(Path shared) {
    String token = Bootstrap.prepare(shared, "127.0.0.1", 16470, List.of()).adminToken();
    SigningKey.loadOrCreate(shared);
    return token;
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("atrium.hub.jar", "target/quarkus-app/quarkus-run.jar"));
    if (!Files.isRegularFile(jar)) {
      fail("hub jar " + jar.toAbsolutePath() + " missing: build it first (./mvnw package)");
    }
    return jar;
  }

  void start() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:CICompilerCount=2"));
    command.addAll(List.of("-jar", jar().toAbsolutePath().toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("ATRIUM_DATA_DIR", dir.toString());
    pb.environment().put("ATRIUM_PORT", Integer.toString(port));
    pb.environment().put("ATRIUM_DB_URL", dbUrl);
    pb.environment().put("ATRIUM_DB_USER", "postgres");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    process = pb.start();
  }

  Path log() {
    return dir.getParent().resolve(name + ".log");
  }

  String logText() {
    try {
      return Files.readString(log());
    } catch (IOException e) {
      return "";
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook, sockets closed by the kernel. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: graceful shutdown. */
  void terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  void stopQuietly() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return name + ":" + port;
  }
}
