package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How users write with kubectl: client-side apply (strategic merge from last-applied), server-side
 * apply with a second field manager, diff, explain, {@code get all} and server dry-run; with real
 * kubectl 1.27 and 1.28 (which read /openapi/v2), 1.29 and 1.33 (/openapi/v3).
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
class KubectlApplyIT {

  private static String ns(String prefix, String version) {
    return prefix + "-" + version.replace('.', '-');
  }

  private static String twoContainers(String ns, String sidecarImage) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: %s
          labels: {app: web}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
                ports:
                - containerPort: 80
              - name: sidecar
                image: %s
        """
        .formatted(ns, sidecarImage);
  }

  private static String oneContainer(String ns, int replicas) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: %s
          labels: {app: web}
        spec:
          replicas: %d
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
                ports:
                - containerPort: 80
        """
        .formatted(ns, replicas);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.28", "1.29", "1.33"})
  void applyTwiceRemovesDroppedListItem(String version) throws Exception {
    assumeTrue(Kubectl.available(version), "kubectl " + version + " not installed");
    Kubectl k = new Kubectl(version);
    String ns = ns("apply-csa", version);
    k.run("create", "namespace", ns).ok();
    Path dir = Files.createTempDirectory("apply-csa");
    Path first = write(dir, "first.yaml", twoContainers(ns, "busybox:1.36"));
    Path second = write(dir, "second.yaml", oneContainer(ns, 2));

    contains(k.run("apply", "-f", first.toString()).ok(), "deployment.apps/web created");
    assertEquals("nginx sidecar", containers(k, ns));
    assertTrue(
        k.run(
                "-n",
                ns,
                "get",
                "deploy",
                "web",
                "-o",
                "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}")
            .ok()
            .output()
            .contains("sidecar"));
    contains(k.run("apply", "-f", first.toString()).ok(), "deployment.apps/web unchanged");

    // A field set by someone else (not in last-applied) must survive the second apply.
    k.run("-n", ns, "annotate", "deploy", "web", "owner=someone-else").ok();

    contains(k.run("apply", "-f", second.toString()).ok(), "deployment.apps/web configured");
    assertEquals("nginx", containers(k, ns));
    assertEquals(
        "80",
        k.run(
                "-n",
                ns,
                "get",
                "deploy",
                "web",
                "-o",
                "jsonpath={.spec.template.spec.containers[0].ports[0].containerPort}")
            .ok()
            .output());
    assertEquals(
        "someone-else",
        k.run("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.metadata.annotations.owner}")
            .ok()
            .output());
    assertEquals(
        "2",
        k.run("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.metadata.generation}")
            .ok()
            .output());
    assertFalse(
        k.run(
                "-n",
                ns,
                "get",
                "deploy",
                "web",
                "-o",
                "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}")
            .ok()
            .output()
            .contains("sidecar"));
    contains(k.run("apply", "-f", second.toString()).ok(), "deployment.apps/web unchanged");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.28", "1.29", "1.33"})
  void serverSideApplySecondManagerConflicts(String version) {
    assumeTrue(Kubectl.available(version), "kubectl " + version + " not installed");
    Kubectl k = new Kubectl(version);
    String ns = ns("apply-ssa", version);
    k.run("create", "namespace", ns).ok();
    contains(
        k.runWithInput(oneContainer(ns, 2), "apply", "--server-side", "-f", "-").ok(),
        "deployment.apps/web serverside-applied");
    Kubectl.Result conflict =
        k.runWithInput(
                oneContainer(ns, 4), "apply", "--server-side", "--field-manager=other", "-f", "-")
            .failed();
    contains(conflict, "Apply failed with 1 conflict");
    contains(conflict, "conflict with \"kubectl\"");
    contains(conflict, ".spec.replicas");
    assertEquals(
        "2",
        k.run("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").ok().output());
    // The same values from a second manager are no conflict (shared ownership).
    contains(
        k.runWithInput(
                oneContainer(ns, 2), "apply", "--server-side", "--field-manager=other", "-f", "-")
            .ok(),
        "serverside-applied");
    // Now the field is co-owned: changing it conflicts for the first manager as well.
    contains(
        k.runWithInput(oneContainer(ns, 3), "apply", "--server-side", "-f", "-").failed(),
        "conflict with \"other\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.28", "1.29", "1.33"})
  void diffClientAndServerSide(String version) throws Exception {
    assumeTrue(Kubectl.available(version), "kubectl " + version + " not installed");
    Kubectl k = new Kubectl(version);
    String ns = ns("diff", version);
    k.run("create", "namespace", ns).ok();
    Path dir = Files.createTempDirectory("diff");
    Path v1 = write(dir, "v1.yaml", oneContainer(ns, 2));
    Path v2 = write(dir, "v2.yaml", oneContainer(ns, 5));

    // Nothing there yet: the whole object is new.
    Kubectl.Result missing = k.run("diff", "-f", v1.toString());
    assertEquals(1, missing.code(), missing::output);
    contains(missing, "+  name: web");

    k.run("apply", "-f", v1.toString()).ok();
    Kubectl.Result same = k.run("diff", "-f", v1.toString());
    assertEquals(0, same.code(), same::output);
    assertEquals("", same.output().trim());

    Kubectl.Result changed = k.run("diff", "-f", v2.toString());
    assertEquals(1, changed.code(), changed::output);
    contains(changed, "-  replicas: 2");
    contains(changed, "+  replicas: 5");
    assertTrue(
        Pattern.compile("(?m)^[-+]\\s+generation: ").matcher(changed.output()).find(),
        changed::output);
    // diff is a dry run: nothing changed.
    assertEquals(
        "2",
        k.run("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").ok().output());

    // Server-side diff against a server-side applied object.
    String ssaNs = ns("diff-ssa", version);
    k.run("create", "namespace", ssaNs).ok();
    Path s1 = write(dir, "s1.yaml", oneContainer(ssaNs, 2));
    Path s2 = write(dir, "s2.yaml", oneContainer(ssaNs, 6));
    k.run("apply", "--server-side", "-f", s1.toString()).ok();
    Kubectl.Result ssaSame = k.run("diff", "--server-side", "-f", s1.toString());
    assertEquals(0, ssaSame.code(), ssaSame::output);
    Kubectl.Result ssaChanged = k.run("diff", "--server-side", "-f", s2.toString());
    assertEquals(1, ssaChanged.code(), ssaChanged::output);
    contains(ssaChanged, "-  replicas: 2");
    contains(ssaChanged, "+  replicas: 6");
    // A conflicting server-side diff by another manager reports the conflict.
    Kubectl.Result ssaConflict =
        k.run("diff", "--server-side", "--field-manager=other", "-f", s2.toString());
    assertTrue(ssaConflict.code() > 1, ssaConflict::output);
    contains(ssaConflict, "conflict");
    Kubectl.Result ssaForced =
        k.run(
            "diff",
            "--server-side",
            "--field-manager=other",
            "--force-conflicts",
            "-f",
            s2.toString());
    assertEquals(1, ssaForced.code(), ssaForced::output);
    contains(ssaForced, "+  replicas: 6");
    assertEquals(
        "2",
        k.run("-n", ssaNs, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}")
            .ok()
            .output());
  }

  private static final String SPROCKET_CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: sprockets.kubectl.example.com}
      spec:
        group: kubectl.example.com
        scope: Namespaced
        names: {plural: sprockets, singular: sprocket, kind: Sprocket}
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              description: "A sprocket turns things."
              properties:
                spec:
                  type: object
                  description: "What the sprocket should do."
                  properties:
                    teeth:
                      type: integer
                      description: "Number of teeth on the sprocket wheel."
                    gear:
                      type: object
                      description: "The gear it drives."
                      properties:
                        ratio: {type: string, description: "Gear ratio as N:M."}
      """;

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.28", "1.29", "1.33"})
  void explainBuiltInAndCustomFields(String version) throws Exception {
    assumeTrue(Kubectl.available(version), "kubectl " + version + " not installed");
    Kubectl k = new Kubectl(version);

    Kubectl.Result ports = k.run("explain", "deployment.spec.template.spec.containers.ports").ok();
    contains(ports, "KIND:");
    contains(ports, "Deployment");
    contains(ports, "VERSION:");
    contains(ports, "v1");
    matches(ports, "(?s).*FIELD:\\s+ports\\s+<\\[\\]ContainerPort>.*");
    contains(ports, "DESCRIPTION:");
    contains(ports, "containerPort");
    matches(ports, "(?s).*containerPort\\s+<integer> -required-.*");
    contains(ports, "protocol");
    contains(ports, "hostPort");

    contains(k.run("explain", "deployment.spec.replicas").ok(), "Number of desired pods");
    Kubectl.Result recursive = k.run("explain", "deployment.spec.strategy", "--recursive").ok();
    contains(recursive, "rollingUpdate");
    contains(recursive, "maxSurge");

    contains(k.run("explain", "deployment.spec.nope").failed(), "field \"nope\" does not exist");

    // A CRD: apply, wait, explain (top level, nested field, description). The CRD is shared by
    // both kubectl versions; apply is idempotent.
    Path dir = Files.createTempDirectory("explain");
    k.run("apply", "-f", write(dir, "crd.yaml", SPROCKET_CRD).toString()).ok();
    k.run(
            "wait",
            "--for=condition=Established",
            "crd/sprockets.kubectl.example.com",
            "--timeout=30s")
        .ok();
    Kubectl.Result top = k.run("explain", "sprockets").ok();
    contains(top, "kubectl.example.com");
    contains(top, "Sprocket");
    contains(top, "A sprocket turns things.");
    Kubectl.Result teeth = k.run("explain", "sprockets.spec.teeth").ok();
    matches(teeth, "(?s).*FIELD:\\s+teeth\\s+<integer>.*");
    contains(teeth, "Number of teeth on the sprocket wheel.");
    Kubectl.Result gear = k.run("explain", "sprocket.spec.gear").ok();
    contains(gear, "The gear it drives.");
    contains(gear, "ratio");
    contains(gear, "Gear ratio as N:M.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.28", "1.29", "1.33"})
  void getAllListsDeploymentsAndServerDryRunChangesNothing(String version) throws Exception {
    assumeTrue(Kubectl.available(version), "kubectl " + version + " not installed");
    Kubectl k = new Kubectl(version);
    String ns = ns("all", version);
    k.run("create", "namespace", ns).ok();
    Path dir = Files.createTempDirectory("all");
    Path deploy = write(dir, "deploy.yaml", oneContainer(ns, 2));
    String service =
        """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: %s}
        spec:
          selector: {app: web}
          ports:
          - {port: 80, targetPort: 80}
        """
            .formatted(ns);

    // Server dry run of a create: reported as created, nothing stored.
    contains(
        k.run("apply", "--dry-run=server", "-f", deploy.toString()).ok(),
        "deployment.apps/web created (server dry run)");
    contains(k.run("-n", ns, "get", "deploy", "web").failed(), "not found");
    contains(k.run("-n", ns, "get", "all").ok(), "No resources found");

    k.run("apply", "-f", deploy.toString()).ok();
    k.runWithInput(service, "apply", "-f", "-").ok();
    k.run("-n", ns, "create", "configmap", "not-in-all", "--from-literal=a=b").ok();
    Kubectl.Result all = k.run("-n", ns, "get", "all").ok();
    contains(all, "deployment.apps/web");
    contains(all, "service/web");
    assertFalse(all.output().contains("configmap"), all::output);
    matches(
        all,
        "(?s).*NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\s+deployment\\.apps/web\\s+0/2.*");

    String rv =
        k.run("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.metadata.resourceVersion}")
            .ok()
            .output();
    // Server dry run of an update: reported as configured, nothing stored.
    Path bigger = write(dir, "bigger.yaml", oneContainer(ns, 9));
    contains(
        k.run("apply", "--dry-run=server", "-f", bigger.toString()).ok(),
        "deployment.apps/web configured (server dry run)");
    contains(
        k.run("apply", "--server-side", "--dry-run=server", "-f", bigger.toString()).ok(),
        "deployment.apps/web serverside-applied (server dry run)");
    Kubectl.Result dryYaml =
        k.run(
                "apply",
                "--dry-run=server",
                "-f",
                bigger.toString(),
                "-o",
                "jsonpath={.spec.replicas}")
            .ok();
    assertEquals("9", dryYaml.output().trim());
    assertEquals(
        "2",
        k.run("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").ok().output());
    assertEquals(
        rv,
        k.run("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.metadata.resourceVersion}")
            .ok()
            .output());
    contains(
        k.run("-n", ns, "delete", "deploy", "web", "--dry-run=server").ok(),
        "deleted (server dry run)");
    contains(k.run("-n", ns, "get", "deploy", "web").ok(), "web");
  }

  private static String containers(Kubectl k, String ns) {
    return k.run(
            "-n",
            ns,
            "get",
            "deploy",
            "web",
            "-o",
            "jsonpath={.spec.template.spec.containers[*].name}")
        .ok()
        .output()
        .trim();
  }

  private static Path write(Path dir, String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private static void contains(Kubectl.Result result, String text) {
    assertTrue(
        result.output().contains(text), () -> "expected '" + text + "' in: " + result.output());
  }

  private static void matches(Kubectl.Result result, String regex) {
    assertTrue(
        result.output().matches(regex), () -> "expected /" + regex + "/ in: " + result.output());
  }
}
