package dev.atrium.hub.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real kubectl binary of a given minor version against the hub under test. */
public final class Kubectl {

  public static final Path BIN_DIR =
      Path.of(System.getenv().getOrDefault("KUBECTL_DIR", "/usr/lib/google-cloud-sdk/bin"));

  private final String version;
  private final Path cacheDir;

  public Kubectl(String version) {
    this.version = version;
    try {
      this.cacheDir = Files.createTempDirectory("kubectl-cache-" + version);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean available(String version) {
    return Files.isExecutable(BIN_DIR.resolve("kubectl." + version));
  }

  public Result run(String... args) {
    return runWithInput(null, args);
  }

  /** Runs with {@code stdin} piped in (may be null). */
  public Result runWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(BIN_DIR.resolve("kubectl." + version).toString());
    command.add("--kubeconfig=" + TestHub.kubeconfig());
    command.add("--cache-dir=" + cacheDir);
    command.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().remove("KUBECONFIG");
      Process p = pb.start();
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("kubectl timed out: " + command);
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts kubectl in the background (e.g. {@code get -w}); the caller destroys it. */
  public Process start(Path output, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(BIN_DIR.resolve("kubectl." + version).toString());
    command.add("--kubeconfig=" + TestHub.kubeconfig());
    command.add("--cache-dir=" + cacheDir);
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }

  /** Exit code and combined output of one kubectl run. */
  public record Result(int code, String output) {
    public Result ok() {
      if (code != 0) {
        throw new AssertionError("kubectl failed (" + code + "): " + output);
      }
      return this;
    }

    public Result failed() {
      if (code == 0) {
        throw new AssertionError("kubectl unexpectedly succeeded: " + output);
      }
      return this;
    }
  }
}
