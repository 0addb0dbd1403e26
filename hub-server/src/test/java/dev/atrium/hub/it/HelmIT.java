package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Helm 3 (install, upgrade with its three-way strategic merge patches, list, history, rollback,
 * uninstall) of a small local chart into the hub. {@link TestTools#helm()} provides helm: the one
 * installed, else a build of {@value TestTools#HELM_VERSION} from the Go module proxy.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
class HelmIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Result(int code, String output) {
    Result ok() {
      if (code != 0) {
        throw new AssertionError("helm failed (" + code + "): " + output);
      }
      return this;
    }
  }

  private static final class Helm {
    private final Path binary = TestTools.helm();
    private final Path home;

    Helm() throws IOException {
      home = Files.createTempDirectory("helm-home");
    }

    Result run(String... args) {
      List<String> command = new ArrayList<>();
      command.add(binary.toString());
      command.addAll(List.of(args));
      command.add("--kubeconfig=" + TestHub.kubeconfig());
      try {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("KUBECONFIG");
        pb.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
        pb.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
        pb.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("helm timed out: " + command);
        }
        return new Result(p.exitValue(), out);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static Path chart() throws Exception {
    return Path.of(HelmIT.class.getResource("/helm/demo-chart/Chart.yaml").toURI()).getParent();
  }

  @Test
  void installUpgradeRollbackUninstall() throws Exception {
    Helm helm = new Helm();
    Kubectl k = new Kubectl("1.33");
    String ns = "helm-demo";
    String chart = chart().toString();

    Result install =
        helm.run("install", "demo", chart, "--namespace", ns, "--create-namespace").ok();
    assertTrue(install.output().contains("STATUS: deployed"), install::output);
    assertTrue(install.output().contains("REVISION: 1"), install::output);
    assertEquals("hello", get(k, ns, "configmap", "demo-config", "{.data.greeting}"));
    assertEquals("1", get(k, ns, "deploy", "demo-web", "{.spec.replicas}"));
    assertEquals(
        "web sidecar",
        get(k, ns, "deploy", "demo-web", "{.spec.template.spec.containers[*].name}"));
    assertEquals("80", get(k, ns, "service", "demo-svc", "{.spec.ports[0].port}"));
    assertEquals(
        "Helm",
        get(k, ns, "deploy", "demo-web", "{.metadata.labels.app\\.kubernetes\\.io/managed-by}"));
    assertEquals(
        "demo",
        get(k, ns, "deploy", "demo-web", "{.metadata.annotations.meta\\.helm\\.sh/release-name}"));
    // The release is stored as a Secret in the namespace.
    assertTrue(
        k.run("-n", ns, "get", "secret", "-l", "owner=helm,name=demo", "-o", "name")
            .ok()
            .output()
            .contains("sh.helm.release.v1.demo.v1"));

    // Someone edits the live object; Helm's three-way merge keeps fields it does not manage.
    k.run("-n", ns, "annotate", "deploy", "demo-web", "team=payments").ok();

    Result upgrade =
        helm.run(
                "upgrade",
                "demo",
                chart,
                "--namespace",
                ns,
                "--set",
                "replicaCount=3",
                "--set",
                "greeting=bonjour",
                "--set",
                "sidecar.enabled=false",
                "--set",
                "service.port=8080")
            .ok();
    assertTrue(upgrade.output().contains("REVISION: 2"), upgrade::output);
    assertEquals("bonjour", get(k, ns, "configmap", "demo-config", "{.data.greeting}"));
    assertEquals("3", get(k, ns, "deploy", "demo-web", "{.spec.replicas}"));
    assertEquals(
        "web", get(k, ns, "deploy", "demo-web", "{.spec.template.spec.containers[*].name}"));
    assertEquals("8080", get(k, ns, "service", "demo-svc", "{.spec.ports[0].port}"));
    assertEquals("8080", get(k, ns, "service", "demo-svc", "{.spec.ports[*].port}"));
    assertEquals("payments", get(k, ns, "deploy", "demo-web", "{.metadata.annotations.team}"));

    JsonNode list = JSON.readTree(helm.run("list", "--namespace", ns, "-o", "json").ok().output());
    assertEquals(1, list.size(), list::toString);
    assertEquals("demo", list.get(0).path("name").asText());
    assertEquals("2", list.get(0).path("revision").asText());
    assertEquals("deployed", list.get(0).path("status").asText());
    assertEquals("demo-chart-0.1.0", list.get(0).path("chart").asText());
    assertTrue(
        helm.run("list", "--all-namespaces").ok().output().contains("demo"),
        "helm list -A shows the release");

    JsonNode values =
        JSON.readTree(
            helm.run("get", "values", "demo", "--namespace", ns, "-o", "json").ok().output());
    assertEquals(3, values.path("replicaCount").asInt());

    JsonNode history =
        JSON.readTree(helm.run("history", "demo", "--namespace", ns, "-o", "json").ok().output());
    assertEquals(2, history.size(), history::toString);
    assertEquals("superseded", history.get(0).path("status").asText());
    assertEquals("deployed", history.get(1).path("status").asText());

    // Rollback to revision 1 restores the sidecar, the replicas and the greeting.
    assertTrue(
        helm.run("rollback", "demo", "1", "--namespace", ns).ok().output().contains("Rollback"));
    assertEquals("hello", get(k, ns, "configmap", "demo-config", "{.data.greeting}"));
    assertEquals("1", get(k, ns, "deploy", "demo-web", "{.spec.replicas}"));
    assertEquals(
        "web sidecar",
        get(k, ns, "deploy", "demo-web", "{.spec.template.spec.containers[*].name}"));
    assertEquals("80", get(k, ns, "service", "demo-svc", "{.spec.ports[0].port}"));
    list = JSON.readTree(helm.run("list", "--namespace", ns, "-o", "json").ok().output());
    assertEquals("3", list.get(0).path("revision").asText());

    Result uninstall = helm.run("uninstall", "demo", "--namespace", ns).ok();
    assertTrue(uninstall.output().contains("release \"demo\" uninstalled"), uninstall::output);
    assertTrue(k.run("-n", ns, "get", "configmap", "demo-config").output().contains("not found"));
    assertTrue(k.run("-n", ns, "get", "deploy", "demo-web").output().contains("not found"));
    assertTrue(k.run("-n", ns, "get", "service", "demo-svc").output().contains("not found"));
    assertFalse(
        k.run("-n", ns, "get", "secret", "-l", "owner=helm", "-o", "name")
            .ok()
            .output()
            .contains("sh.helm.release"));
    assertEquals("[]", helm.run("list", "--namespace", ns, "-o", "json").ok().output().trim());
  }

  private static String get(Kubectl k, String ns, String kind, String name, String jsonpath) {
    return k.run("-n", ns, "get", kind, name, "-o", "jsonpath=" + jsonpath).ok().output().trim();
  }
}
