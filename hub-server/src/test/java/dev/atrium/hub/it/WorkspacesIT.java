package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workspaces through real kubectl: lifecycle, isolation, deletion of a subtree, path tricks. */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
class WorkspacesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Kubectl k;

  @BeforeEach
  void kubectl() {
    assumeTrue(Kubectl.available("1.33"), "kubectl 1.33 not installed");
    k = new Kubectl("1.33");
  }

  private String server(String path) {
    return "--server=" + TestHub.url() + "/clusters/" + path;
  }

  private void createWorkspace(String parent, String name, String type) {
    String yaml =
        "apiVersion: tenancy.atrium.dev/v1alpha1\nkind: Workspace\nmetadata: {name: "
            + name
            + "}\nspec: {type: "
            + type
            + "}\n";
    contains(
        k.runWithInput(yaml, server(parent), "create", "-f", "-").ok(),
        "workspace.tenancy.atrium.dev/" + name + " created");
    contains(
        k.run(
                server(parent),
                "wait",
                "--for=jsonpath={.status.phase}=Ready",
                "workspace/" + name,
                "--timeout=20s")
            .ok(),
        "condition met");
  }

  @Test
  void workspaceBecomesReadyWithUrlAndDefaultNamespace() {
    createWorkspace("root", "lifecycle", "universal");
    String row = k.run("get", "workspace", "lifecycle").ok().output();
    assertTrue(
        row.matches(
            "(?s)NAME\\s+TYPE\\s+PHASE\\s+URL\\s+AGE\\s+lifecycle\\s+universal\\s+Ready\\s+https://\\S+/clusters/root:lifecycle\\s.*"),
        row);
    contains(k.run(server("root:lifecycle"), "get", "namespace", "default").ok(), "Active");
    contains(
        k.run(
                server("root:lifecycle"),
                "get",
                "clusterrolebinding",
                "workspace-owner",
                "-o",
                "jsonpath={.subjects[0].name}")
            .ok(),
        "admin");
  }

  @Test
  void aWatchSeesSchedulingInitializingReadyAndReadyComesWithTheInitialObjects() throws Exception {
    String rv =
        JSON.readTree(
                k.run("get", "--raw", "/apis/tenancy.atrium.dev/v1alpha1/workspaces?limit=1")
                    .ok()
                    .output())
            .at("/metadata/resourceVersion")
            .asText();
    createWorkspace("root", "phases", "universal");
    String events =
        k.run(
                "get",
                "--raw",
                "/apis/tenancy.atrium.dev/v1alpha1/workspaces?watch=1&timeoutSeconds=2"
                    + "&fieldSelector=metadata.name%3Dphases&resourceVersion="
                    + rv)
            .ok()
            .output();
    List<String> phases = new java.util.ArrayList<>();
    String readyRevision = "";
    for (String line : events.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      var event = JSON.readTree(line);
      phases.add(event.path("type").asText() + " " + event.at("/object/status/phase").asText());
      readyRevision = event.at("/object/metadata/resourceVersion").asText();
    }
    assertEquals(List.of("ADDED Scheduling", "MODIFIED Initializing", "MODIFIED Ready"), phases);
    String roles =
        k.run(
                "get",
                "--raw",
                "/clusters/root:phases/apis/rbac.authorization.k8s.io/v1/clusterroles"
                    + "?resourceVersionMatch=Exact&resourceVersion="
                    + readyRevision)
            .ok()
            .output();
    for (String role : List.of("cluster-admin", "admin", "edit", "view")) {
      assertTrue(roles.contains("\"name\":\"" + role + "\""), role + " at Ready: " + roles);
    }
    contains(
        k.run(
                "get",
                "--raw",
                "/clusters/root:phases/api/v1/namespaces?resourceVersionMatch=Exact&resourceVersion="
                    + readyRevision)
            .ok(),
        "\"name\":\"default\"");
  }

  @Test
  void siblingsAndParentsDoNotSeeEachOthersObjects() {
    createWorkspace("root", "iso-a", "universal");
    createWorkspace("root", "iso-b", "universal");
    createWorkspace("root:iso-a", "child", "universal");
    k.run(server("root:iso-a"), "create", "namespace", "only-in-a").ok();
    k.run(
            server("root:iso-a"),
            "create",
            "clusterrole",
            "only-in-a",
            "--verb=get",
            "--resource=pods")
        .ok();
    k.run(
            server("root:iso-a"),
            "-n",
            "default",
            "create",
            "configmap",
            "shared-name",
            "--from-literal=who=a")
        .ok();
    k.run(
            server("root:iso-b"),
            "-n",
            "default",
            "create",
            "configmap",
            "shared-name",
            "--from-literal=who=b")
        .ok();
    for (String other : List.of("root", "root:iso-b", "root:iso-a:child")) {
      contains(k.run(server(other), "get", "namespace", "only-in-a").failed(), "not found");
      contains(k.run(server(other), "get", "clusterrole", "only-in-a").failed(), "not found");
    }
    assertEquals(
        "a",
        k.run(
                server("root:iso-a"),
                "-n",
                "default",
                "get",
                "cm",
                "shared-name",
                "-o",
                "jsonpath={.data.who}")
            .ok()
            .output());
    assertEquals(
        "b",
        k.run(
                server("root:iso-b"),
                "-n",
                "default",
                "get",
                "cm",
                "shared-name",
                "-o",
                "jsonpath={.data.who}")
            .ok()
            .output());
    assertEquals(
        "root:iso-a",
        k.run(
                server("root:iso-a"),
                "get",
                "namespace",
                "only-in-a",
                "-o",
                "jsonpath={.metadata.annotations.atrium\\.dev/path}")
            .ok()
            .output());
    String wildcard =
        k.run(
                server("*"),
                "-n",
                "default",
                "get",
                "configmaps",
                "-o",
                "jsonpath={range .items[*]}{.metadata.annotations.atrium\\.dev/path}{\"\\n\"}{end}")
            .ok()
            .output();
    assertTrue(wildcard.contains("root:iso-a") && wildcard.contains("root:iso-b"), wildcard);
  }

  @Test
  void deletingAWorkspaceRemovesItsSubtree() {
    createWorkspace("root", "doomed", "organization");
    createWorkspace("root:doomed", "team", "team");
    k.run(server("root:doomed:team"), "create", "namespace", "inner").ok();
    contains(k.run("delete", "workspace", "doomed", "--timeout=60s").ok(), "deleted");
    contains(k.run("get", "workspace", "doomed").failed(), "not found");
    notFound(k.run(server("root:doomed"), "get", "namespaces").failed());
    notFound(k.run(server("root:doomed:team"), "get", "namespaces").failed());
    createWorkspace("root", "doomed", "universal");
    String namespaces =
        k.run(server("root:doomed"), "get", "namespaces", "-o", "name").ok().output();
    assertFalse(namespaces.contains("inner"), "a recreated workspace starts empty: " + namespaces);
  }

  @Test
  void workspaceTypesAreEnforced() {
    String yaml =
        "apiVersion: tenancy.atrium.dev/v1alpha1\nkind: Workspace\nmetadata: {name: misplaced}\nspec: {type: team}\n";
    contains(k.runWithInput(yaml, "create", "-f", "-").failed(), "not allowed");
    String unknown =
        "apiVersion: tenancy.atrium.dev/v1alpha1\nkind: Workspace\nmetadata: {name: odd}\nspec: {type: nosuch}\n";
    contains(k.runWithInput(unknown, "create", "-f", "-").failed(), "workspace type not found");
  }

  /**
   * An Atrium object whose JSON does not have its model's shape is 422 Invalid naming the field
   * (before, an array {@code spec.type} was silently replaced by the default type).
   */
  @Test
  void atriumObjectsOfTheWrongShapeAreInvalid() {
    String workspace =
        "apiVersion: tenancy.atrium.dev/v1alpha1\nkind: Workspace\nmetadata: {name: shapeless}\n"
            + "spec: {type: [universal]}\n";
    Kubectl.Result ws = k.runWithInput(workspace, "create", "--validate=false", "-f", "-").failed();
    contains(ws, "is invalid");
    contains(ws, "spec.type: Invalid value");
    String placement =
        "apiVersion: workload.atrium.dev/v1alpha1\nkind: Placement\nmetadata: {name: shapeless}\n"
            + "spec: {numberOfClusters: two}\n";
    Kubectl.Result pl = k.runWithInput(placement, "create", "--validate=false", "-f", "-").failed();
    contains(pl, "spec.numberOfClusters: Invalid value");
  }

  @Test
  void pathTricksNeverReachAnotherWorkspace() throws Exception {
    createWorkspace("root", "victim", "universal");
    k.run(server("root:victim"), "create", "namespace", "secret-ns").ok();
    for (String path :
        List.of(
            "/clusters/root:victim:../api/v1/namespaces",
            "/clusters/root:..:victim/api/v1/namespaces",
            "/clusters/root%3Avictim/api/v1/namespaces",
            "/clusters/root:victim%2F..%2F/api/v1/namespaces",
            "/clusters//api/v1/namespaces",
            "/clusters/root::victim/api/v1/namespaces",
            "/clusters/root:victim:/api/v1/namespaces",
            "/clusters/root:VICTIM/api/v1/namespaces",
            "/clusters/root:vi%C3%A7tim/api/v1/namespaces",
            "/clusters/root:" + "a".repeat(2000) + "/api/v1/namespaces")) {
      String response = rawGet(path);
      int code = Integer.parseInt(response.substring(9, 12));
      assertTrue(
          code == 400 || code == 403 || code == 404,
          path + " -> " + response.lines().findFirst().orElse(""));
      assertFalse(response.contains("secret-ns"), path + " leaked another workspace");
    }
  }

  private static String rawGet(String path) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(TestHub.caCert())) {
      store.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    try (Socket plain = new Socket("127.0.0.1", TestHub.port());
        SSLSocket socket =
            (SSLSocket)
                tls.getSocketFactory().createSocket(plain, "localhost", TestHub.port(), true)) {
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + TestHub.adminToken()
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A 404, as kubectl words it either from discovery or from the request itself. */
  private static void notFound(Kubectl.Result result) {
    assertTrue(
        result.output().contains("not found")
            || result.output().contains("could not find the requested resource"),
        "expected a 404 in: " + result.output());
  }

  private static void contains(Kubectl.Result result, String expected) {
    assertTrue(
        result.output().contains(expected), "expected '" + expected + "' in: " + result.output());
  }
}
