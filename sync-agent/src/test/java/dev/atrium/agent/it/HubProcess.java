package dev.atrium.agent.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real hub as a process of its built jar ({@code atrium.hub.jar}, hub-server's {@code
 * target/quarkus-app/quarkus-run.jar}) in its {@code test} profile (heartbeat timeout 4 s,
 * placement resync 1 s), on embedded PostgreSQL in its own data dir and a free port, with extra
 * configuration as system properties.
 */
final class HubProcess implements AutoCloseable {

  final Path dir;
  final int port;
  private final Process process;

  private HubProcess(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  static HubProcess start(Map<String, String> config) throws IOException {
    Path jar =
        Path.of(
            System.getProperty(
                "atrium.hub.jar", "../hub-server/target/quarkus-app/quarkus-run.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "hub jar " + jar.toAbsolutePath() + " missing: build hub-server first (./mvnw package)");
    }
    Path dir = Files.createTempDirectory("atrium-e2e-hub-");
    int port = freePort();
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m", "-XX:+UseSerialGC"));
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Dquarkus.profile=test");
    config.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("ATRIUM_DATA_DIR", dir.toString());
    pb.environment().put("ATRIUM_PORT", Integer.toString(port));
    pb.redirectOutput(dir.resolve("hub.log").toFile());
    return new HubProcess(dir, port, pb.start());
  }

  /** Waits until the admin kubeconfig exists and {@code /readyz} answers through kubectl. */
  HubProcess awaitReady(Duration timeout) throws Exception {
    Path admin = kubeconfig();
    Kubectl kubectl = new Kubectl(admin, null);
    Await.await(
        "hub ready (log: " + dir.resolve("hub.log") + ")",
        timeout,
        Duration.ofMillis(500),
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError("hub exited: " + log());
          }
          try {
            return Files.exists(admin) && kubectl.run("get", "--raw", "/readyz").code() == 0;
          } catch (Exception e) {
            return false;
          }
        });
    return this;
  }

  Path kubeconfig() {
    return dir.resolve("admin.kubeconfig");
  }

  String url() {
    return "https://127.0.0.1:" + port;
  }

  /** kubectl as the hub's admin in {@code workspace}. */
  Kubectl kubectl(String workspace) {
    return new Kubectl(kubeconfig(), url() + "/clusters/" + workspace);
  }

  String log() {
    try {
      return Files.readString(dir.resolve("hub.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
