package dev.atrium.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code shared/acceptance/workspaces-scenario.sh} with the packaged launchers against a real
 * hub (the hub-server jar of this build, started in a temporary data dir).
 *
 * <p>The script's {@code k()} helper calls {@code kubectl --cache-dir DIR ws ...}; kubectl
 * 1.29–1.33 refuse every flag placed before a plugin name ("flags cannot be placed before plugin
 * name"), so no plugin can pass those checks as written. The test runs the script with that one
 * line changed to pass the flag after {@code ws} (the plugin accepts and ignores {@code
 * --cache-dir}); every check must then pass. It also pins down the kubectl behaviour that forces
 * the change.
 */
class WorkspacesScenarioIT {

  private static Process hub;
  private static Path dataDir;
  private static final Path PLUGIN_DIR = Path.of(System.getProperty("atrium.plugin.dir"));
  private static final String KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";

  @BeforeAll
  static void startHub() throws Exception {
    dataDir = Files.createTempDirectory("atrium-scenario");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder("java", "-jar", System.getProperty("atrium.hub.jar"));
    pb.environment().put("ATRIUM_DATA_DIR", dataDir.toString());
    pb.environment().put("ATRIUM_PORT", Integer.toString(port));
    pb.environment().put("ATRIUM_REQUEST_LOG_LEVEL", "WARN");
    pb.redirectErrorStream(true).redirectOutput(dataDir.resolve("hub.log").toFile());
    hub = pb.start();
    long deadline = System.currentTimeMillis() + 120_000;
    while (!Files.exists(dataDir.resolve("admin.kubeconfig")) || !ready()) {
      assertTrue(hub.isAlive(), "hub exited: " + Files.readString(dataDir.resolve("hub.log")));
      assertTrue(System.currentTimeMillis() < deadline, "hub did not become ready");
      Thread.sleep(250);
    }
  }

  private static boolean ready() throws Exception {
    Process p =
        new ProcessBuilder(
                KUBECTL,
                "--kubeconfig=" + dataDir.resolve("admin.kubeconfig"),
                "get",
                "--raw",
                "/readyz")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @AfterAll
  static void stopHub() throws Exception {
    if (hub != null) {
      hub.destroy();
      if (!hub.waitFor(30, TimeUnit.SECONDS)) {
        hub.destroyForcibly();
      }
    }
  }

  @Test
  void kubectlRefusesFlagsBeforeAPluginName() throws Exception {
    String out = run(KUBECTL, "--cache-dir", dataDir.resolve("c").toString(), "ws", ".");
    assertTrue(out.contains("flags cannot be placed before plugin name"), out);
  }

  @Test
  void workspacesScenarioPasses() throws Exception {
    Path original = findShared().resolve("acceptance/workspaces-scenario.sh");
    String script = Files.readString(original);
    String helper = "k() { kubectl --cache-dir \"$TMP/cache\" \"$@\"; }";
    assertTrue(script.contains(helper), "the scenario's k() helper changed; revisit this test");
    String fixed =
        script.replace(
            helper,
            "k() { if [ \"$1\" = ws ]; then kubectl ws --cache-dir \"$TMP/cache\" \"${@:2}\";"
                + " else kubectl --cache-dir \"$TMP/cache\" \"$@\"; fi; }");
    Path copy = dataDir.resolve("workspaces-scenario.sh");
    Files.writeString(copy, fixed);
    String out = run("bash", copy.toString());
    System.out.println(out);
    String closing =
        out.lines()
            .filter(l -> l.matches("\\d+ passed, \\d+ failed"))
            .reduce((a, b) -> b)
            .orElse("");
    assertEquals(0, out.lines().filter(l -> l.startsWith("FAIL")).count(), out);
    assertTrue(closing.matches("\\d+ passed, 0 failed"), out);
  }

  private String run(String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("KUBECONFIG", dataDir.resolve("admin.kubeconfig").toString());
    pb.environment().put("PLUGIN_DIR", PLUGIN_DIR.toString());
    pb.environment().put("PATH", PLUGIN_DIR + ":" + System.getenv("PATH"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "timed out: " + String.join(" ", command));
    return out;
  }

  private static Path findShared() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("shared/acceptance"))) {
        return dir.resolve("shared");
      }
    }
    throw new IOException("shared/acceptance not found beside the repository");
  }
}
