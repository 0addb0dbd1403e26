package dev.atrium.agent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl ({@code /usr/lib/google-cloud-sdk/bin/kubectl.1.33}, or {@code KUBECTL}) with
 * one kubeconfig and optionally another server URL (a hub workspace's {@code /clusters/<ws>}).
 */
record Kubectl(Path kubeconfig, String server) {

  record Result(int code, String out) {
    Result ok() {
      if (code != 0) {
        throw new AssertionError("kubectl failed (" + code + "): " + out);
      }
      return this;
    }
  }

  static final String BINARY =
      System.getenv().getOrDefault("KUBECTL", "/usr/lib/google-cloud-sdk/bin/kubectl.1.33");

  Result run(String... args) throws IOException, InterruptedException {
    return withInput(null, args);
  }

  /** Runs with {@code stdin} (e.g. {@code apply -f -} of a manifest). */
  Result withInput(String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(BINARY, "--kubeconfig", kubeconfig.toString()));
    if (server != null) {
      cmd.addAll(List.of("--server", server));
    }
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl timed out: " + cmd);
    }
    return new Result(p.exitValue(), out);
  }

  /** {@code apply -f -} of {@code yaml}; fails unless it succeeds. */
  String apply(String yaml) throws IOException, InterruptedException {
    return withInput(yaml, "apply", "-f", "-").ok().out();
  }
}
