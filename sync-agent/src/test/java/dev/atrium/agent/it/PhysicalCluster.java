package dev.atrium.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kubernetes control plane from {@code ../shared/physical-cluster/cluster.sh} ({@code up DIR
 * PORT} / {@code down DIR}). Ports: {@code <PREFIX>_PORT} and etcd on {@code <PREFIX>_ETCD_PORT}
 * (etcd's peer port is one above); {@code <PREFIX>_KUBECONFIG} uses an already running cluster
 * instead. {@link #start()} is SyncAgentIT's: prefix {@code ATRIUM_AGENT_IT}, defaults 17543 and
 * 17479.
 */
final class PhysicalCluster implements AutoCloseable {

  final Path kubeconfig;
  private final Path dir;
  private final Path script;

  private PhysicalCluster(Path kubeconfig, Path dir, Path script) {
    this.kubeconfig = kubeconfig;
    this.dir = dir;
    this.script = script;
  }

  static PhysicalCluster start() throws IOException, InterruptedException {
    return start("ATRIUM_AGENT_IT", "17543", "17479");
  }

  static PhysicalCluster start(String prefix, String defaultPort, String defaultEtcdPort)
      throws IOException, InterruptedException {
    String existing = System.getenv(prefix + "_KUBECONFIG");
    if (existing != null && !existing.isEmpty()) {
      return new PhysicalCluster(Path.of(existing), null, null);
    }
    Path script = script();
    Path dir = Files.createTempDirectory("atrium-agent-it-");
    String port = env(prefix + "_PORT", defaultPort);
    String etcd = env(prefix + "_ETCD_PORT", defaultEtcdPort);
    if (run(script, etcd, "up", dir.toString(), port) != 0) {
      if (Files.readString(dir.resolve("up.log")).contains("binaries missing")) {
        run(script, etcd, "build");
      }
      if (run(script, etcd, "up", dir.toString(), port) != 0) {
        throw new IllegalStateException(
            "cluster.sh up failed: " + Files.readString(dir.resolve("up.log")));
      }
    }
    return new PhysicalCluster(dir.resolve("kubeconfig"), dir, script);
  }

  private static Path script() {
    String s = System.getenv("ATRIUM_PC_SCRIPT");
    if (s != null) {
      return Path.of(s);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/physical-cluster/cluster.sh");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "shared/physical-cluster/cluster.sh not found; set ATRIUM_PC_SCRIPT");
  }

  private static int run(Path script, String etcdPort, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("bash", script.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("ATRIUM_PC_ETCD_PORT", etcdPort);
    pb.environment().putIfAbsent("ATRIUM_PC_READY_TIMEOUT", "300");
    if (args[0].equals("up")) {
      pb.redirectOutput(Path.of(args[1]).resolve("up.log").toFile());
    } else {
      pb.inheritIO();
    }
    Process p = pb.start();
    if (!p.waitFor(90, TimeUnit.MINUTES)) { // a first build on two shared cores took ~50 min
      p.destroy();
      return -1;
    }
    return p.exitValue();
  }

  private static String env(String name, String def) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? def : v;
  }

  @Override
  public void close() throws Exception {
    if (dir != null) {
      new ProcessBuilder("bash", script.toString(), "down", dir.toString())
          .inheritIO()
          .start()
          .waitFor(60, TimeUnit.SECONDS);
    }
  }
}
