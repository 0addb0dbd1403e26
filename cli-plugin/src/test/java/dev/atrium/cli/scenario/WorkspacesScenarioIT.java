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
 * {@code kubectl ws} as a user runs it: the packaged launchers, found by a real kubectl on the
 * PATH, against a real hub (the hub-server jar of this build, started in a temporary data dir).
 *
 * <p>The external acceptance script {@code shared/acceptance/workspaces-scenario.sh} runs in CI
 * ({@code .ci/acceptance.sh}), not here. Its {@code k()} helper calls {@code kubectl --cache-dir
 * DIR ws ...}, which kubectl 1.29–1.33 refuse ("flags cannot be placed before plugin name"); {@link
 * #kubectlRefusesFlagsBeforeAPluginName} pins that kubectl behaviour down.
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

  /**
   * The user's path through workspaces with the packaged launcher found by kubectl on the PATH:
   * create and enter, relative and absolute moves, the tree, isolation of namespaces and CRDs,
   * errors that leave the current workspace alone, and deletion.
   */
  @Test
  void workspacesAsAUserDrivesThem() throws Exception {
    Path kubeconfig = dataDir.resolve("user.kubeconfig");
    Files.copy(dataDir.resolve("admin.kubeconfig"), kubeconfig);
    Path bin = Files.createDirectories(dataDir.resolve("bin"));
    Files.deleteIfExists(bin.resolve("kubectl"));
    Files.createSymbolicLink(bin.resolve("kubectl"), Path.of(KUBECTL));
    User u = new User(kubeconfig, bin);
    String run = "scn" + Long.toString(System.nanoTime() % 100000);

    u.ok("kubectl", "plugin", "list").contains("kubectl-ws");
    u.ok("kubectl", "ws", ".").contains("Current workspace is 'root'.");
    u.ok("kubectl", "ws", "create", run, "--enter")
        .contains("Current workspace is 'root:" + run + "'.");
    u.ok("kubectl", "ws", ".").contains("Current workspace is 'root:" + run + "'.");
    u.ok("kubectl", "create", "namespace", "team1").contains("namespace/team1 created");
    u.okWithInput(
            "apiVersion: apiextensions.k8s.io/v1\n"
                + "kind: CustomResourceDefinition\n"
                + "metadata: {name: gadgets.scenario.example.com}\n"
                + "spec:\n"
                + "  group: scenario.example.com\n"
                + "  scope: Namespaced\n"
                + "  names: {plural: gadgets, singular: gadget, kind: Gadget}\n"
                + "  versions:\n"
                + "  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema:"
                + " {type: object, x-kubernetes-preserve-unknown-fields: true}}}\n",
            "kubectl",
            "apply",
            "-f",
            "-")
        .contains("created");
    u.ok(
        "kubectl",
        "wait",
        "--for=condition=Established",
        "crd/gadgets.scenario.example.com",
        "--timeout=30s");
    u.ok("kubectl", "api-resources", "--api-group=scenario.example.com").contains("gadgets");
    u.ok("kubectl", "ws", "create", "web", "--enter")
        .contains("Current workspace is 'root:" + run + ":web'.");
    u.ok("kubectl", "ws", "..").contains("Current workspace is 'root:" + run + "'.");
    u.ok("kubectl", "ws", "-").contains("Current workspace is 'root:" + run + ":web'.");
    u.ok("kubectl", "ws", ":root:" + run).contains("Current workspace is 'root:" + run + "'.");
    u.ok("kubectl", "ws", "tree").contains("web");
    u.ok("kubectl", "ws", ":root").contains("Current workspace is 'root'.");
    u.failed("kubectl", "get", "namespace", "team1").contains("not found");
    u.ok("kubectl", "api-resources", "--api-group=scenario.example.com").lacks("gadgets");
    u.failed("kubectl", "ws", "use", "nosuch-" + run).contains("not found");
    u.ok("kubectl", "ws", ".").contains("Current workspace is 'root'.");
    u.ok("kubectl", "get", "workspaces").contains(run);
    u.ok("kubectl", "ws", ":root:" + run);
    u.ok("kubectl", "delete", "workspace", "web", "--timeout=60s").contains("deleted");
    u.failed("kubectl", "ws", "use", "web").contains("not found");
    u.ok("kubectl", "ws", ":root");
    u.ok("kubectl", "delete", "workspace", run, "--timeout=120s").contains("deleted");
  }

  /** One user's shell: a kubeconfig of their own and the plugin launchers first on the PATH. */
  private record User(Path kubeconfig, Path bin) {

    Out ok(String... command) throws Exception {
      return okWithInput(null, command);
    }

    Out okWithInput(String stdin, String... command) throws Exception {
      Out out = exec(stdin, command);
      assertEquals(0, out.code, out.describe());
      return out;
    }

    Out failed(String... command) throws Exception {
      Out out = exec(null, command);
      assertTrue(out.code != 0, "succeeded unexpectedly: " + out.describe());
      return out;
    }

    private Out exec(String stdin, String... command) throws Exception {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().put("KUBECONFIG", kubeconfig.toString());
      pb.environment().put("PATH", PLUGIN_DIR + ":" + bin + ":" + System.getenv("PATH"));
      Process p = pb.start();
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(3, TimeUnit.MINUTES), "timed out: " + String.join(" ", command));
      return new Out(String.join(" ", command), p.exitValue(), text);
    }
  }

  private record Out(String command, int code, String text) {
    String describe() {
      return command + " (exit " + code + "):\n" + text;
    }

    Out contains(String expected) {
      assertTrue(text.contains(expected), "expected '" + expected + "' in " + describe());
      return this;
    }

    Out lacks(String unexpected) {
      assertTrue(!text.contains(unexpected), "unexpected '" + unexpected + "' in " + describe());
      return this;
    }
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
}
