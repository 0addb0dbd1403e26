package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code shared/acceptance/kubectl-scenario.sh} (beside the repository) against the hub under
 * test with kubectl 1.27–1.33, as CI must (1.27 and 1.28 read {@code /openapi/v2}).
 *
 * <p>Every check must pass except two that fail against any API server, each asserted to fail only
 * in its exact way, so any other regression fails this test (see docs/api-compatibility.md):
 *
 * <ul>
 *   <li>"wait --for=delete", where older copies of the script expect kubectl to print "deleted",
 *       but kubectl's wait command prints "condition met" for every condition;
 *   <li>"annotate" on 1.27, which expects "annotated", but kubectl 1.27 prints "annotate"
 *       (kubernetes/kubectl#1462, fixed in 1.28).
 * </ul>
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
class AcceptanceScriptIT {

  private static final Pattern CLOSING = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$");

  @Test
  void kubectlScenarioPassesOnEverySupportedVersion() throws Exception {
    Path script = findShared().resolve("acceptance/kubectl-scenario.sh");
    List<String> versions = List.of("1.27", "1.28", "1.29", "1.30", "1.31", "1.32", "1.33");
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(versions);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("KUBECONFIG", workspaceKubeconfig().toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.MINUTES), "script timed out");
    System.out.println(out);
    Matcher closing = CLOSING.matcher(out);
    assertTrue(closing.find(), "no closing line in:\n" + out);
    List<String> failures = out.lines().filter(l -> l.startsWith("FAIL")).toList();
    for (String failure : failures) {
      assertTrue(
          failure.matches("FAIL  1\\.\\d\\d wait --for=delete")
              || failure.equals("FAIL  1.27 annotate"),
          "unexpected failure: " + failure + "\n" + out);
    }
    for (String v : versions) {
      assertTrue(
          out.contains("FAIL  " + v + " wait --for=delete")
              || out.contains("ok    " + v + " wait --for=delete"),
          v);
    }
    int failed = Integer.parseInt(closing.group(2));
    assertEquals(failures.size(), failed);
    assertEquals(
        58 * versions.size(), Integer.parseInt(closing.group(1)) + failed, closing.group());
    if (failures.stream().anyMatch(f -> f.endsWith("wait --for=delete"))) {
      assertTrue(out.contains("rc=0: configmap/watched condition met"), out);
    }
    if (failures.contains("FAIL  1.27 annotate")) {
      assertTrue(out.contains("rc=0: deployment.apps/web annotate\n"), out);
    }
  }

  /**
   * The script runs in its own workspace, {@code root:acceptance}, so its CRDs and namespaces do
   * not meet other tests' objects; it also proves the whole scenario under a {@code /clusters/}
   * prefix.
   */
  private static Path workspaceKubeconfig() throws IOException {
    Kubectl k = new Kubectl("1.33");
    String yaml =
        "apiVersion: tenancy.atrium.dev/v1alpha1\nkind: Workspace\nmetadata: {name: acceptance}\n";
    k.runWithInput(yaml, "create", "-f", "-").ok();
    k.run("wait", "--for=jsonpath={.status.phase}=Ready", "workspace/acceptance", "--timeout=30s")
        .ok();
    String original = Files.readString(TestHub.kubeconfig());
    String server = TestHub.url();
    Path copy = Files.createTempFile("acceptance", ".kubeconfig");
    Files.writeString(copy, original.replace(server, server + "/clusters/root:acceptance"));
    return copy;
  }

  /** {@code shared/} lives beside the repository: search upwards from the working directory. */
  private static Path findShared() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("shared/acceptance"))) {
        return dir.resolve("shared");
      }
    }
    throw new IOException("shared/acceptance not found beside the repository");
  }
}
