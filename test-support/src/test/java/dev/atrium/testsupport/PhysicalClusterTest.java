package dev.atrium.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cluster the other modules' tests get: a Deployment becomes Available on kwok's nodes, and
 * {@code close()} stops every process {@code start()} launched.
 */
class PhysicalClusterTest {

  @Test
  void deploymentBecomesAvailableAndCloseStopsEveryProcess() throws Exception {
    List<ProcessHandle> started;
    try (PhysicalCluster cluster = PhysicalCluster.start()) {
      started = processes(cluster.dir);
      assertEquals(5, started.size(), "etcd, apiserver, controller-manager, scheduler, kwok");
      assertEquals("ok", kubectl(cluster, "get", "--raw=/readyz"));
      kubectl(cluster, "create", "deployment", "web", "--image=nginx", "--replicas=2");
      kubectl(cluster, "wait", "--for=condition=Available", "deployment/web", "--timeout=120s");
      assertEquals(
          "2",
          kubectl(cluster, "get", "deployment/web", "-o=jsonpath={.status.availableReplicas}"));
      assertTrue(cluster.server.startsWith("https://127.0.0.1:"), cluster.server);
    }
    for (ProcessHandle p : started) {
      p.onExit().get(30, TimeUnit.SECONDS);
      assertFalse(p.isAlive(), "still running: " + p.info());
    }
  }

  private static List<ProcessHandle> processes(Path dir) throws Exception {
    List<ProcessHandle> handles = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path pid : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(handles::add);
      }
    }
    return handles;
  }

  private static String kubectl(PhysicalCluster cluster, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(PhysicalCluster.kubectl().toString(), "--kubeconfig=" + cluster.kubeconfig));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "timed out: " + command);
    assertEquals(0, p.exitValue(), command + ": " + out);
    return out;
  }
}
