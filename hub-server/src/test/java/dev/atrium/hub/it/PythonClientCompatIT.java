package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official Kubernetes Python client ({@code pip install kubernetes}) against the hub, driven by
 * {@code python/compat_check.py}. A missing client is a failure, not a skip: {@link
 * TestTools#pythonPathForClient()} installs it into the tool cache when python3 cannot import it.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
class PythonClientCompatIT {

  private String pythonPath = "";

  @Test
  void pythonClientWorks() throws Exception {
    pythonPath = TestTools.pythonPathForClient();
    Result probe =
        run(List.of("python3", "-c", "import kubernetes; print(kubernetes.__version__)"), null, 60);
    if (probe.code != 0) {
      fail(
          "The Kubernetes Python client is not importable by python3 (exit "
              + probe.code
              + ", PYTHONPATH="
              + pythonPath
              + ").\n"
              + probe.output);
    }
    Path script = Files.createTempFile("compat_check", ".py");
    try (InputStream in = getClass().getResourceAsStream("/python/compat_check.py")) {
      assertNotNull(in, "python/compat_check.py missing from test resources");
      Files.write(script, in.readAllBytes());
    }
    try {
      Result result = run(List.of("python3", script.toString()), TestHub.kubeconfig(), 180);
      String out = result.output.strip();
      assertEquals(
          0,
          result.code,
          "compat_check.py failed (python client " + probe.output.strip() + "):\n" + out);
      String[] lines = out.split("\n");
      assertEquals("PYTHON-COMPAT OK", lines[lines.length - 1].strip(), out);
      assertTrue(out.contains("ok: watch saw ADDED py-watched"), out);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private record Result(int code, String output) {}

  private Result run(List<String> command, Path kubeconfig, int timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (kubeconfig != null) {
      pb.environment().put("KUBECONFIG", kubeconfig.toString());
    }
    pb.environment().put("PYTHONUNBUFFERED", "1");
    if (!pythonPath.isEmpty()) {
      String inherited = System.getenv("PYTHONPATH");
      pb.environment()
          .put(
              "PYTHONPATH",
              inherited == null || inherited.isEmpty()
                  ? pythonPath
                  : pythonPath + java.io.File.pathSeparator + inherited);
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      fail("cannot start " + command.get(0) + " (is python3 installed?): " + e.getMessage());
      return null;
    }
    byte[][] out = new byte[1][];
    Thread reader =
        new Thread(
            () -> {
              try {
                out[0] = p.getInputStream().readAllBytes();
              } catch (IOException e) {
                out[0] = ("<output unreadable: " + e + ">").getBytes(StandardCharsets.UTF_8);
              }
            });
    reader.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      reader.join(5000);
      fail(
          String.join(" ", command)
              + " timed out after "
              + timeoutSeconds
              + "s:\n"
              + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
    }
    reader.join(10000);
    return new Result(
        p.exitValue(), out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8));
  }
}
