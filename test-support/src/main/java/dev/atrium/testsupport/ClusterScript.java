package dev.atrium.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository's {@code tools/physical-cluster/physical-cluster.sh}, found by walking up from the
 * working directory (a module's directory under Maven), or {@code ATRIUM_PC_SCRIPT}. Its cache and
 * versions follow the script's own environment variables ({@code ATRIUM_PC_CACHE}, ...).
 */
final class ClusterScript {

  static final String RELATIVE = "tools/physical-cluster/physical-cluster.sh";

  /** A first build compiles Kubernetes: about 15 minutes on 2 cores, longer on a busy machine. */
  private static final long BUILD_TIMEOUT_MINUTES = 120;

  private static final long UP_DOWN_TIMEOUT_MINUTES = 5;

  private final Path script;

  private ClusterScript(Path script) {
    this.script = script;
  }

  static ClusterScript locate() {
    String configured = System.getenv("ATRIUM_PC_SCRIPT");
    if (configured != null && !configured.isBlank()) {
      return new ClusterScript(Path.of(configured));
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(RELATIVE);
      if (Files.isRegularFile(candidate)) {
        return new ClusterScript(candidate);
      }
    }
    throw new IllegalStateException(
        RELATIVE + " not found above " + Path.of("").toAbsolutePath() + "; set ATRIUM_PC_SCRIPT");
  }

  /**
   * {@code build}: compiles the binaries into the cache unless they are there (then instant). Its
   * progress goes to this process's output; a failure (no Go, no proxy) names what is missing.
   */
  Path build() throws IOException, InterruptedException {
    int code = run(List.of("build"), Map.of(), null, BUILD_TIMEOUT_MINUTES);
    if (code != 0) {
      throw new IllegalStateException(
          "physical-cluster.sh build failed (exit " + code + "); its output is above");
    }
    return binDir();
  }

  /** {@code up DIR PORT} with etcd on {@code etcdPort}; output to {@code log}; the exit code. */
  int up(Path dir, int port, int etcdPort, Path log) throws IOException, InterruptedException {
    return run(
        List.of("up", dir.toString(), Integer.toString(port)),
        Map.of("ATRIUM_PC_ETCD_PORT", Integer.toString(etcdPort)),
        log,
        UP_DOWN_TIMEOUT_MINUTES);
  }

  int down(Path dir, Path log) throws IOException, InterruptedException {
    return run(List.of("down", dir.toString()), Map.of(), log, UP_DOWN_TIMEOUT_MINUTES);
  }

  /** The cache directory holding kubectl, kube-apiserver, ... ({@code BIN_DIR=} of {@code env}). */
  Path binDir() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", script.toString(), "env").start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(UP_DOWN_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    return out.lines()
        .filter(l -> l.startsWith("BIN_DIR="))
        .map(l -> Path.of(l.substring("BIN_DIR=".length())))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("physical-cluster.sh env: " + out));
  }

  private int run(List<String> args, Map<String, String> env, Path log, long timeoutMinutes)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    if (log == null) {
      pb.inheritIO();
    } else {
      pb.redirectOutput(log.toFile());
    }
    Process p = pb.start();
    if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "physical-cluster.sh " + args + " did not finish in " + timeoutMinutes + " min");
    }
    return p.exitValue();
  }
}
