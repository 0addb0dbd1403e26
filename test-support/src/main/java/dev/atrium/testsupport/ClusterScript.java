package dev.atrium.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
    if (log != null) {
      pb.redirectOutput(log.toFile());
    }
    Process p = pb.start();
    if (log == null) {
      echo(p);
    }
    if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "physical-cluster.sh " + args + " did not finish in " + timeoutMinutes + " min");
    }
    return p.exitValue();
  }

  /**
   * The script's lines on this JVM's output, as the test's own (a forked test JVM's stdout is its
   * channel to the build tool, which a child writing there directly would garble).
   */
  private static void echo(Process p) {
    Thread copier =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(System.out::println);
              } catch (IOException e) {
                System.out.println("physical-cluster.sh output lost: " + e);
              }
            },
            "physical-cluster.sh output");
    copier.setDaemon(true);
    copier.start();
  }
}
