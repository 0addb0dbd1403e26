package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.atrium.hub.storage.postgres.PgWatchHub;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everyday kubectl against the hub, with real kubectl 1.29 (JSON bodies) and 1.33 (protobuf). */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
class KubectlCoreIT {

  @ParameterizedTest
  @ValueSource(strings = {"1.29", "1.33"})
  void typedCreatesAndTables(String version) {
    assumeTrue(Kubectl.available(version), "kubectl " + version + " not installed");
    Kubectl k = new Kubectl(version);
    String ns = "core-" + version.replace('.', '-');
    contains(k.run("create", "namespace", ns).ok(), "namespace/" + ns + " created");
    assertTrue(
        k.run("get", "namespace", ns)
            .ok()
            .output()
            .matches("(?s)NAME\\s+STATUS\\s+AGE\\s+" + ns + "\\s+Active.*"));
    contains(
        k.run("-n", ns, "create", "configmap", "c1", "--from-literal=a=b").ok(),
        "configmap/c1 created");
    contains(
        k.run("-n", ns, "create", "configmap", "c1", "--from-literal=a=b").failed(),
        "already exists");
    contains(
        k.run("-n", ns, "create", "secret", "generic", "s1", "--from-literal=k=v").ok(),
        "secret/s1 created");
    assertEquals(
        "dg==", k.run("-n", ns, "get", "secret", "s1", "-o", "jsonpath={.data.k}").ok().output());
    contains(k.run("-n", ns, "create", "serviceaccount", "sa1").ok(), "serviceaccount/sa1 created");
    contains(
        k.run("-n", ns, "create", "deployment", "d1", "--image=busybox:1.36", "--replicas=2").ok(),
        "deployment.apps/d1 created");
    contains(
        k.run("-n", ns, "create", "job", "j1", "--image=busybox:1.36").ok(),
        "job.batch/j1 created");
    assertTrue(
        k.run("-n", ns, "get", "deploy", "d1")
            .ok()
            .output()
            .matches("(?s)NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\s+d1\\s+0/2\\s+.*"));
    contains(k.run("-n", ns, "get", "deploy", "d1", "-o", "wide").ok(), "CONTAINERS");
    contains(k.run("-n", ns, "get", "configmap").ok(), "DATA");
    contains(k.run("-n", ns, "get", "deploy", "d1", "-o", "yaml").ok(), "image: busybox:1.36");
    contains(k.run("-n", ns, "get", "deploy", "d1", "-o", "json").ok(), "\"replicas\": 2");
    assertEquals(
        "1",
        k.run("-n", ns, "get", "deploy", "d1", "-o", "jsonpath={.metadata.generation}")
            .ok()
            .output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.29", "1.33"})
  void labelAnnotateScaleAndConflicts(String version) throws Exception {
    assumeTrue(Kubectl.available(version), "kubectl " + version + " not installed");
    Kubectl k = new Kubectl(version);
    String ns = "edit-" + version.replace('.', '-');
    k.run("create", "namespace", ns).ok();
    k.run("-n", ns, "create", "deployment", "web", "--image=nginx:1.25").ok();
    contains(k.run("-n", ns, "label", "deploy", "web", "tier=frontend").ok(), "labeled");
    assertEquals(
        "deployment.apps/web",
        k.run("-n", ns, "get", "deploy", "-l", "tier=frontend", "-o", "name").ok().output().trim());
    contains(k.run("-n", ns, "get", "deploy", "-l", "tier=backend").ok(), "No resources found");
    contains(k.run("-n", ns, "annotate", "deploy", "web", "note=hello").ok(), "annotated");
    contains(k.run("-n", ns, "scale", "deploy", "web", "--replicas=3").ok(), "scaled");
    assertEquals(
        "3",
        k.run("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").ok().output());
    assertEquals(
        "2",
        k.run("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.metadata.generation}")
            .ok()
            .output());
    Path stale = Files.createTempFile("stale", ".json");
    Files.writeString(stale, k.run("-n", ns, "get", "deploy", "web", "-o", "json").ok().output());
    k.run("-n", ns, "annotate", "deploy", "web", "bump=1").ok();
    contains(
        k.run("-n", ns, "replace", "-f", stale.toString()).failed(),
        "the object has been modified");
    contains(
        k.run(
                "-n",
                ns,
                "patch",
                "deploy",
                "web",
                "--type=merge",
                "-p",
                "{\"spec\":{\"replicas\":4}}")
            .ok(),
        "patched");
    contains(
        k.run(
                "-n",
                ns,
                "patch",
                "deploy",
                "web",
                "--type=json",
                "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]")
            .ok(),
        "patched");
    assertEquals(
        "5",
        k.run("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").ok().output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.29", "1.33"})
  void pagingWatchAndDeletion(String version) throws Exception {
    assumeTrue(Kubectl.available(version), "kubectl " + version + " not installed");
    Kubectl k = new Kubectl(version);
    String ns = "life-" + version.replace('.', '-');
    k.run("create", "namespace", ns).ok();
    for (int i = 1; i <= 12; i++) {
      k.run("-n", ns, "create", "configmap", "page-" + i, "--from-literal=i=" + i).ok();
    }
    String paged =
        k.run("-n", ns, "get", "configmap", "--chunk-size=5", "-o", "name", "-v=6").ok().output();
    assertEquals(12, paged.lines().filter(l -> l.startsWith("configmap/page-")).count());
    assertTrue(paged.contains("continue="), "kubectl paged with continue tokens");

    PgWatchHub hub = Arc.container().instance(PgWatchHub.class).get();
    int before = hub.watcherCount();
    Path out = Files.createTempFile("watch", ".out");
    Process watch = k.start(out, "-n", ns, "get", "configmap", "-w", "-o", "name");
    Thread.sleep(1500);
    k.run("-n", ns, "create", "configmap", "watched", "--from-literal=x=y").ok();
    awaitContains(out, "configmap/watched");
    watch.destroy();
    watch.waitFor();
    long closed = System.currentTimeMillis() + 10_000;
    while (hub.watcherCount() > before && System.currentTimeMillis() < closed) {
      sleep(50);
    }

    // Delete only once kubectl's watch is open, so the test sees the watch observe the delete.
    Thread background =
        new Thread(
            () -> {
              long deadline = System.currentTimeMillis() + 30_000;
              while (hub.watcherCount() <= before && System.currentTimeMillis() < deadline) {
                sleep(50);
              }
              k.run("-n", ns, "delete", "configmap", "watched", "--wait=false");
            });
    background.start();
    contains(
        k.run("-n", ns, "wait", "--for=delete", "configmap/watched", "--timeout=30s").ok(),
        "configmap/watched");
    background.join();
    contains(k.run("-n", ns, "get", "configmap", "watched").failed(), "not found");

    contains(
        k.run("delete", "namespace", ns, "--timeout=60s").ok(), "namespace \"" + ns + "\" deleted");
    contains(k.run("get", "namespace", ns).failed(), "not found");
    contains(k.run("-n", ns, "get", "configmap", "page-1").failed(), "not found");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void contains(Kubectl.Result result, String expected) {
    assertTrue(
        result.output().contains(expected), "expected '" + expected + "' in: " + result.output());
  }

  private static void awaitContains(Path file, String expected) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      if (Files.readString(file).contains(expected)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "'" + expected + "' not seen in watch output: " + Files.readString(file));
  }
}
