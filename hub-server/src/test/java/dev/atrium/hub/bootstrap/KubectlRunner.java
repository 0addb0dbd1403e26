package dev.atrium.hub.bootstrap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the locally installed kubectl, if any; tests using it are skipped otherwise. */
final class KubectlRunner {

  static final Path KUBECTL = Path.of("/usr/lib/google-cloud-sdk/bin/kubectl.1.33");

  record Result(int exitCode, String stdout, String stderr) {}

  private KubectlRunner() {}

  static void assumeAvailable() {
    assumeTrue(Files.isExecutable(KUBECTL), "kubectl not installed at " + KUBECTL);
  }

  /** Runs kubectl with {@code home} as HOME (so its caches stay out of the real home). */
  static Result run(Path home, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(KUBECTL.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("HOME", home.toString());
    pb.environment().remove("KUBECONFIG");
    Path out = Files.createTempFile(home, "kubectl", ".out");
    Path err = Files.createTempFile(home, "kubectl", ".err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl timed out");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
