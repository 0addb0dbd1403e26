package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /openapi/v2}: kubectl 1.27 and 1.28 read it (gnostic protobuf) before apply, diff, edit,
 * replace, explain and to learn that the server validates fields; without it they fail with "the
 * server could not find the requested resource". Also the document over plain HTTPS: JSON and
 * protobuf, one Etag, 304, 406, and custom kinds per workspace.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
class KubectlOpenApiV2IT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROTOBUF =
      "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

  private static String deployment(String ns, int replicas, String extra) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: %s}
        spec:
          replicas: %d
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: web, image: "nginx:1.25"}
              - {name: sidecar, image: "busybox:1.36"}
          %s
        """
        .formatted(ns, replicas, extra);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.28"})
  void applyDiffEditReplaceAndStrictValidation(String version) throws Exception {
    assumeTrue(Kubectl.available(version), "kubectl " + version + " not installed");
    Kubectl k = new Kubectl(version);
    String ns = "oa2-" + version.replace('.', '-');
    k.run("create", "namespace", ns).ok();
    Path dir = Files.createTempDirectory("oa2");

    contains(k.runWithInput(deployment(ns, 1, ""), "apply", "-f", "-").ok(), "created");
    // Client-side apply of a changed manifest: a strategic merge patch computed from the v2
    // schema keeps both containers.
    Path v2 = write(dir, "v2.yaml", deployment(ns, 2, ""));
    Kubectl.Result diff = k.run("diff", "-f", v2.toString());
    assertEquals(1, diff.code(), diff::output);
    contains(diff, "+  replicas: 2");
    contains(k.run("apply", "-f", v2.toString()).ok(), "deployment.apps/web configured");
    assertEquals("sidecar web", names(k, ns));
    Kubectl.Result same = k.run("diff", "-f", v2.toString());
    assertEquals(0, same.code(), same::output);

    // kubectl only sends fieldValidation=Strict when the v2 PATCH operation lists it; the server
    // then rejects the unknown field.
    contains(
        k.runWithInput(deployment(ns, 2, "bogusField: 1"), "apply", "-f", "-").failed(),
        "bogusField");

    // edit: the editor changes the replicas; kubectl patches what changed.
    Path editor =
        write(dir, "editor.sh", "#!/bin/sh\nsed -i 's/replicas: 2/replicas: 3/' \"$1\"\n");
    Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
    contains(
        edit(version, editor, "-n", ns, "edit", "deployment/web"), "deployment.apps/web edited");
    assertEquals(
        "3",
        k.run("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").ok().output());
    assertEquals("sidecar web", names(k, ns));

    // Strategic merge patch adds a container by name; replace round-trips.
    k.run(
            "-n",
            ns,
            "patch",
            "deploy",
            "web",
            "-p",
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"extra\",\"image\":\"busybox\"}]}}}}")
        .ok();
    assertEquals("extra sidecar web", names(k, ns));
    String current = k.run("-n", ns, "get", "deploy", "web", "-o", "yaml").ok().output();
    contains(k.runWithInput(current, "replace", "-f", "-").ok(), "deployment.apps/web replaced");

    // explain from the v2 model itself.
    Kubectl.Result explain =
        k.run("explain", "deployment.spec.template.spec.containers", "--output=plaintext-openapiv2")
            .ok();
    contains(explain, "Container");
    contains(explain, "image");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.28"})
  void customResourcesOfAWorkspace(String version) throws Exception {
    assumeTrue(Kubectl.available(version), "kubectl " + version + " not installed");
    assumeTrue(Kubectl.available("1.33"), "kubectl 1.33 not installed");
    Kubectl k = new Kubectl(version);
    String workspace = "oa2-" + version.replace('.', '-');
    String server = "--server=" + TestHub.url() + "/clusters/root:" + workspace;
    Kubectl admin = new Kubectl("1.33");
    admin
        .runWithInput(
            "apiVersion: tenancy.atrium.dev/v1alpha1\nkind: Workspace\nmetadata: {name: "
                + workspace
                + "}\nspec: {type: universal}\n",
            "create",
            "-f",
            "-")
        .ok();
    admin
        .run(
            "wait",
            "--for=jsonpath={.status.phase}=Ready",
            "workspace/" + workspace,
            "--timeout=30s")
        .ok();

    String crd =
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: cogs.v2.example.com}
        spec:
          group: v2.example.com
          scope: Namespaced
          names: {plural: cogs, singular: cog, kind: Cog}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      teeth: {type: integer, description: "Number of teeth of the cog."}
                      port: {x-kubernetes-int-or-string: true}
                      note: {type: string, nullable: true}
                      extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;
    contains(k.runWithInput(crd, server, "apply", "-f", "-").ok(), "created");
    k.run(server, "wait", "--for=condition=Established", "crd/cogs.v2.example.com", "--timeout=30s")
        .ok();
    String cog =
        "apiVersion: v2.example.com/v1\nkind: Cog\nmetadata: {name: c1, namespace: default}\n"
            + "spec: {teeth: %d, port: 80, extra: {any: thing}}\n";
    contains(
        k.runWithInput(cog.formatted(12), server, "apply", "-f", "-").ok(),
        "cog.v2.example.com/c1 created");
    contains(
        k.runWithInput(cog.formatted(14), server, "apply", "-f", "-").ok(),
        "cog.v2.example.com/c1 configured");
    assertEquals(
        "14",
        k.run(server, "-n", "default", "get", "cog", "c1", "-o", "jsonpath={.spec.teeth}")
            .ok()
            .output());
    Kubectl.Result explain =
        k.run(server, "explain", "cogs.spec.teeth", "--output=plaintext-openapiv2").ok();
    contains(explain, "Number of teeth of the cog.");

    // The workspace's document has the kind; root's has not.
    JsonNode inWorkspace =
        json(get("/clusters/root:" + workspace + "/openapi/v2", "application/json"));
    assertTrue(inWorkspace.path("definitions").has("com.example.v2.v1.Cog"));
    JsonNode inRoot = json(get("/openapi/v2", "application/json"));
    assertFalse(inRoot.path("definitions").has("com.example.v2.v1.Cog"));
  }

  @Test
  void servesJsonAndProtobufWithOneEtag() throws Exception {
    HttpResponse<byte[]> proto = get("/openapi/v2?timeout=32s", PROTOBUF);
    assertEquals(200, proto.statusCode());
    assertEquals(
        "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
        proto.headers().firstValue("Content-Type").orElse(""));
    // Document.swagger (field 1) = "2.0" comes first.
    byte[] start = new byte[5];
    System.arraycopy(proto.body(), 0, start, 0, 5);
    assertArrayEquals(new byte[] {0x0a, 0x03, '2', '.', '0'}, start);
    String etag = proto.headers().firstValue("Etag").orElseThrow();
    assertTrue(etag.matches("\"[0-9A-F]{128}\""), etag);
    assertTrue(proto.headers().allValues("Vary").contains("Accept"));

    HttpResponse<byte[]> json = get("/openapi/v2", "application/json");
    assertEquals(200, json.statusCode());
    assertEquals(etag, json.headers().firstValue("Etag").orElse(""));
    assertEquals("2.0", json(json).path("swagger").asText());
    assertEquals(
        "Deployment",
        json(json)
            .path("definitions")
            .path("io.k8s.api.apps.v1.Deployment")
            .path("x-kubernetes-group-version-kind")
            .get(0)
            .path("kind")
            .asText());

    HttpRequest conditional =
        request("/openapi/v2").header("Accept", PROTOBUF).header("If-None-Match", etag).build();
    HttpResponse<byte[]> notModified =
        http().send(conditional, HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(304, notModified.statusCode());
    assertEquals(0, notModified.body().length);

    assertEquals(406, get("/openapi/v2", "text/html").statusCode());
    assertEquals(200, get("/clusters/root/openapi/v2", PROTOBUF).statusCode());
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static String names(Kubectl k, String ns) {
    String out =
        k.run(
                "-n",
                ns,
                "get",
                "deploy",
                "web",
                "-o",
                "jsonpath={.spec.template.spec.containers[*].name}")
            .ok()
            .output();
    List<String> names = new ArrayList<>(List.of(out.trim().split("\\s+")));
    names.sort(null);
    return String.join(" ", names);
  }

  /** Runs {@code kubectl edit} with {@code editor} as EDITOR. */
  private static Kubectl.Result edit(String version, Path editor, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Kubectl.BIN_DIR.resolve("kubectl." + version).toString());
    command.add("--kubeconfig=" + TestHub.kubeconfig());
    command.add("--cache-dir=" + Files.createTempDirectory("kubectl-edit-cache"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("KUBECONFIG");
    pb.environment().put("EDITOR", editor.toString());
    pb.environment().put("KUBE_EDITOR", editor.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("kubectl edit timed out");
    }
    return new Kubectl.Result(p.exitValue(), out).ok();
  }

  private static HttpClient http;

  private static synchronized HttpClient http() throws Exception {
    if (http == null) {
      X509Certificate ca;
      try (InputStream in = Files.newInputStream(TestHub.caCert())) {
        ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("hub-ca", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }
    return http;
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(TestHub.url() + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + TestHub.adminToken())
        .GET();
  }

  private static HttpResponse<byte[]> get(String path, String accept) throws Exception {
    return http()
        .send(
            request(path).header("Accept", accept).build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static Path write(Path dir, String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static void contains(Kubectl.Result result, String expected) {
    assertTrue(
        result.output().contains(expected),
        () -> "expected '" + expected + "' in: " + result.output());
  }
}
