package dev.atrium.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.cli.cluster.AgentManifest;
import dev.atrium.testsupport.PhysicalCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The agent manifest against a REAL kube-apiserver ({@link PhysicalCluster}, on free ports):
 * server-side dry run and a real apply, then what the agent's ServiceAccount may do there ({@code
 * kubectl auth can-i --as}). With a hub jar that serves SyncTargets, also the whole registration
 * through the packaged {@code kubectl-atrium} launcher: register, apply, list, deregister.
 *
 * <p>The first run on a machine builds the cluster's binaries ({@code
 * tools/physical-cluster/physical-cluster.sh build}, about 15 minutes; cached afterwards).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRegistrationScenarioIT {

  private static final String KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.33";
  private static final String AGENT = "system:serviceaccount:atrium-system:atrium-syncer";
  private static Path dir;
  private static PhysicalCluster physicalCluster;
  private static Path pcKubeconfig;

  @BeforeAll
  static void startPhysicalCluster() throws Exception {
    dir = Files.createTempDirectory("atrium-cluster-it");
    physicalCluster = PhysicalCluster.start();
    pcKubeconfig = physicalCluster.kubeconfig;
  }

  @AfterAll
  static void stopPhysicalCluster() throws Exception {
    if (physicalCluster != null) {
      physicalCluster.close();
    }
  }

  private static AgentManifest manifest(List<String> groups, boolean escalate) {
    return new AgentManifest(
        new AgentManifest.Input(
            "pc1",
            "root:acme",
            "https://127.0.0.1:6443/services/syncer/root:acme/pc1",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.US_ASCII),
            false,
            "a-token",
            "atrium/sync-agent:test",
            groups,
            escalate));
  }

  private static Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /**
   * Server-side dry run checks each object on its own and persists nothing, so on a cluster without
   * {@code atrium-system} the namespaced objects fail with "namespaces not found" even though a
   * real apply succeeds (kubernetes/kubernetes#83562). Pinned here; once the namespace exists every
   * object passes.
   */
  @Test
  @Order(1)
  void serverSideDryRunNeedsTheNamespaceToExist() throws Exception {
    Path file = write("fresh.yaml", manifest(List.of(), false).yaml());
    Result fresh = pc("apply", "--dry-run=server", "-f", file.toString());
    assertEquals(1, fresh.code, fresh.out);
    assertTrue(fresh.out.contains("namespace/atrium-system created (server dry run)"), fresh.out);
    assertTrue(
        fresh.out.contains("clusterrole.rbac.authorization.k8s.io/atrium-syncer created"),
        fresh.out);
    assertEquals(
        3,
        fresh.out.lines().filter(l -> l.contains("namespaces \"atrium-system\" not found")).count(),
        fresh.out);
  }

  @Test
  @Order(2)
  void everyVariantPassesServerSideDryRun() throws Exception {
    Result ns = pc("create", "namespace", "atrium-system");
    assertEquals(0, ns.code, ns.out);
    try {
      AgentManifest[] variants = {
        manifest(List.of(), false),
        manifest(List.of("example.com", "acme.io"), false),
        manifest(List.of(), true)
      };
      for (int i = 0; i < variants.length; i++) {
        Path file = write("dry-" + i + ".yaml", variants[i].yaml());
        Result r = pc("apply", "--dry-run=server", "-f", file.toString());
        assertEquals(0, r.code, r.out);
        for (String object :
            new String[] {
              "namespace/atrium-system",
              "serviceaccount/atrium-syncer",
              "clusterrole.rbac.authorization.k8s.io/atrium-syncer",
              "clusterrolebinding.rbac.authorization.k8s.io/atrium-syncer",
              "secret/atrium-hub-kubeconfig",
              "deployment.apps/atrium-syncer"
            }) {
          assertTrue(
              r.out.contains(object + " created (server dry run)")
                  || r.out.contains(object + " configured (server dry run)"),
              object + ": " + r.out);
        }
      }
    } finally {
      pc("delete", "namespace", "atrium-system", "--wait=true", "--timeout=120s");
    }
  }

  @Test
  @Order(3)
  void appliedManifestGivesTheAgentWhatItNeedsAndNoMore() throws Exception {
    Path file = write("narrow.yaml", manifest(List.of("example.com"), false).yaml());
    Result applied = pc("apply", "-f", file.toString());
    assertEquals(0, applied.code, applied.out);
    try {
      Result again = pc("apply", "-f", file.toString());
      assertTrue(again.out.contains("deployment.apps/atrium-syncer unchanged"), again.out);
      String data =
          pc(
                  "-n",
                  "atrium-system",
                  "get",
                  "secret",
                  "-l",
                  "app.kubernetes.io/part-of=atrium",
                  "-o",
                  "jsonpath={.items[0].data.kubeconfig}")
              .out;
      String kubeconfig =
          new String(Base64.getDecoder().decode(data.trim()), StandardCharsets.UTF_8);
      assertTrue(
          kubeconfig.contains("server: https://127.0.0.1:6443/services/syncer/root:acme/pc1"),
          kubeconfig);
      assertEquals(
          "1",
          pc(
                  "-n",
                  "atrium-system",
                  "get",
                  "deployment",
                  "atrium-syncer",
                  "-o",
                  "jsonpath={.spec.replicas}")
              .out
              .trim());
      // the pod passes Pod Security "restricted" (enforced on atrium-system) and is created
      long until = System.currentTimeMillis() + 60_000;
      String pods = "";
      while (System.currentTimeMillis() < until && pods.isBlank()) {
        pods =
            pc(
                    "-n",
                    "atrium-system",
                    "get",
                    "pods",
                    "-l",
                    "app.kubernetes.io/name=atrium-syncer",
                    "-o",
                    "name")
                .out
                .trim();
        Thread.sleep(500);
      }
      assertTrue(
          pods.startsWith("pod/atrium-syncer-"),
          pods + "\n" + pc("-n", "atrium-system", "get", "events").out);
      // verb group resource [subresource]; namespaced checks in namespace "any"
      String[] allowed = {
        "create apps deployments",
        "update apps deployments",
        "get apps deployments status",
        "delete '' namespaces",
        "deletecollection apps deployments",
        "deletecollection '' configmaps",
        "create '' namespaces",
        "get '' pods status",
        "create '' secrets",
        "create '' configmaps",
        "patch '' services",
        "create '' serviceaccounts",
        "create '' persistentvolumeclaims",
        "create '' limitranges",
        "create '' resourcequotas",
        "create batch jobs",
        "create batch cronjobs",
        "create networking.k8s.io ingresses",
        "create networking.k8s.io networkpolicies",
        "create policy poddisruptionbudgets",
        "create autoscaling horizontalpodautoscalers",
        "create rbac.authorization.k8s.io roles",
        "create rbac.authorization.k8s.io clusterroles",
        "create rbac.authorization.k8s.io clusterrolebindings",
        "create apiextensions.k8s.io customresourcedefinitions",
        "create example.com widgets",
        "patch example.com widgets status",
        "list '' nodes",
        "create '' events",
        "create events.k8s.io events",
      };
      for (String a : allowed) {
        assertEquals("true", canI(a), a);
      }
      String[] denied = {
        "create other.org widgets",
        "create '' nodes",
        "delete '' nodes",
        "escalate rbac.authorization.k8s.io clusterroles",
        "bind rbac.authorization.k8s.io clusterroles",
        "impersonate '' users",
        "create admissionregistration.k8s.io validatingwebhookconfigurations",
        "create '' persistentvolumes",
        "create '' pods exec",
        "create coordination.k8s.io leases",
      };
      for (String d : denied) {
        assertEquals("false", canI(d), d);
      }
      // the broad default: any group, still no escalation
      Path broad = write("broad.yaml", manifest(List.of(), false).yaml());
      assertEquals(0, pc("apply", "-f", broad.toString()).code);
      assertEquals("true", canI("create other.org widgets"));
      assertEquals("false", canI("escalate rbac.authorization.k8s.io clusterroles"));
      Path escalate = write("escalate.yaml", manifest(List.of(), true).yaml());
      assertEquals(0, pc("apply", "-f", escalate.toString()).code);
      assertEquals("true", canI("escalate rbac.authorization.k8s.io clusterroles"));
      assertEquals("true", canI("bind rbac.authorization.k8s.io roles"));
    } finally {
      pc("delete", "--wait=true", "--timeout=120s", "-f", file.toString());
    }
  }

  /**
   * The whole registration through the packaged launcher against a real hub: register, apply the
   * manifest on the physical cluster, list, register again, deregister. The hub jar is built before
   * this module (cli-plugin depends on hub-server for the build order).
   */
  @Test
  @Order(4)
  void registerApplyListDeregisterAgainstARealHub() throws Exception {
    String pluginDir = System.getProperty("atrium.plugin.dir");
    String hubJar = System.getProperty("atrium.hub.jar");
    assertTrue(
        pluginDir != null && hubJar != null && Files.exists(Path.of(hubJar)),
        "needs the packaged launchers and the hub jar (" + hubJar + "): build with -am");
    Path hubData = dir.resolve("hub");
    Files.createDirectories(hubData);
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder("java", "-jar", hubJar);
    pb.environment().put("ATRIUM_DATA_DIR", hubData.toString());
    pb.environment().put("ATRIUM_PORT", Integer.toString(port));
    pb.environment().put("ATRIUM_REQUEST_LOG_LEVEL", "WARN");
    pb.environment().put("ATRIUM_SYNC_CLEANUP_TIMEOUT", "5s");
    pb.redirectErrorStream(true).redirectOutput(hubData.resolve("hub.log").toFile());
    Process hub = pb.start();
    try {
      Path admin = hubData.resolve("admin.kubeconfig");
      long deadline = System.currentTimeMillis() + 180_000;
      while (!Files.exists(admin)
          || run(
                      List.of(KUBECTL, "--kubeconfig", admin.toString(), "get", "--raw", "/readyz"),
                      Map.of())
                  .code
              != 0) {
        assertTrue(hub.isAlive(), "hub exited: " + Files.readString(hubData.resolve("hub.log")));
        assertTrue(System.currentTimeMillis() < deadline, "hub did not become ready");
        Thread.sleep(250);
      }
      String server =
          run(
                  List.of(
                      KUBECTL,
                      "--kubeconfig",
                      admin.toString(),
                      "config",
                      "view",
                      "--minify",
                      "-o",
                      "jsonpath={.clusters[0].cluster.server}"),
                  Map.of())
              .out
              .trim();
      String base =
          server.contains("/clusters/")
              ? server.substring(0, server.indexOf("/clusters/"))
              : server;
      Path ws =
          write(
              "ws.yaml",
              "apiVersion: tenancy.atrium.dev/v1alpha1\nkind: Workspace\nmetadata: {name: clu}\n");
      Result created = hubKubectl(admin, base + "/clusters/root", "create", "-f", ws.toString());
      assertEquals(0, created.code, created.out);
      Result ready =
          hubKubectl(
              admin,
              base + "/clusters/root",
              "wait",
              "--for=jsonpath={.status.phase}=Ready",
              "workspace/clu",
              "--timeout=60s");
      assertEquals(0, ready.code, ready.out);
      String wsServer = base + "/clusters/root:clu";
      Result kinds =
          hubKubectl(
              admin, wsServer, "api-resources", "--api-group=workload.atrium.dev", "-o", "name");
      assertTrue(
          kinds.code == 0 && kinds.out.contains("synctargets"),
          "the hub serves synctargets: " + kinds.out);
      // a kubeconfig whose current workspace is root:clu, as a user's would be
      Path kc = dir.resolve("user.kubeconfig");
      Files.copy(admin, kc, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String cluster =
          run(
                  List.of(
                      KUBECTL,
                      "--kubeconfig",
                      kc.toString(),
                      "config",
                      "view",
                      "--minify",
                      "-o",
                      "jsonpath={.clusters[0].name}"),
                  Map.of())
              .out
              .trim();
      assertEquals(
          0,
          run(
                  List.of(
                      KUBECTL,
                      "--kubeconfig",
                      kc.toString(),
                      "config",
                      "set-cluster",
                      cluster,
                      "--server",
                      wsServer),
                  Map.of())
              .code);
      Map<String, String> env =
          Map.of("KUBECONFIG", kc.toString(), "PATH", pluginDir + ":" + System.getenv("PATH"));
      Path agentYaml = dir.resolve("agent.yaml");
      Result register =
          run(
              List.of(
                  KUBECTL,
                  "atrium",
                  "cluster",
                  "register",
                  "pc1",
                  "--labels",
                  "region=eu",
                  "-o",
                  agentYaml.toString()),
              env);
      assertEquals(0, register.code, register.out);
      assertTrue(
          register.out.contains("SyncTarget \"pc1\" created (workspace root:clu, key "),
          register.out);
      String key =
          hubKubectl(
                  admin,
                  wsServer,
                  "get",
                  "synctarget",
                  "pc1",
                  "-o",
                  "jsonpath={.metadata.labels.workload\\.atrium\\.dev/key}")
              .out
              .trim();
      assertEquals(dev.atrium.model.workload.Workload.targetKey("root:clu", "pc1"), key);
      assertEquals(
          "eu",
          hubKubectl(
                  admin,
                  wsServer,
                  "get",
                  "synctarget",
                  "pc1",
                  "-o",
                  "jsonpath={.metadata.labels.region}")
              .out
              .trim());
      assertEquals(
          0,
          hubKubectl(admin, wsServer, "-n", "default", "get", "serviceaccount", "atrium-syncer-pc1")
              .code);
      // the manifest installs on the real cluster
      Result applied = pc("apply", "-f", agentYaml.toString());
      assertEquals(0, applied.code, applied.out);
      Result dry = pc("apply", "--dry-run=server", "-f", agentYaml.toString());
      assertEquals(0, dry.code, dry.out);
      String data =
          pc(
                  "-n",
                  "atrium-system",
                  "get",
                  "secret",
                  "-l",
                  "app.kubernetes.io/part-of=atrium",
                  "-o",
                  "jsonpath={.items[0].data.kubeconfig}")
              .out
              .trim();
      String agentKc = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
      assertTrue(agentKc.contains("server: " + base + "/services/syncer/root:clu/pc1"), agentKc);
      Path agentHub = write("agent-hub.kubeconfig", agentKc);
      // the token authenticates (403, not 401) but grants nothing on ordinary URLs
      Result asAgent =
          run(
              List.of(
                  KUBECTL,
                  "--kubeconfig",
                  agentHub.toString(),
                  "--server",
                  wsServer,
                  "-n",
                  "default",
                  "get",
                  "configmaps"),
              Map.of());
      assertTrue(asAgent.code != 0 && asAgent.out.toLowerCase().contains("forbidden"), asAgent.out);
      Result list = run(List.of(KUBECTL, "atrium", "cluster", "list"), env);
      assertEquals(0, list.code, list.out);
      assertTrue(
          list.out.lines().anyMatch(l -> l.matches("pc1 +" + key + " +False +never .*region=eu")),
          list.out);
      // the agent's kubeconfig reaches its syncer view (CA and token), and heartbeats show up
      Map<String, Object> parsed = new org.yaml.snakeyaml.Yaml().load(agentKc);
      Map<?, ?> clusterEntry = (Map<?, ?>) ((List<?>) parsed.get("clusters")).get(0);
      Map<?, ?> clusterBody = (Map<?, ?>) clusterEntry.get("cluster");
      Path ca =
          write(
              "hub-ca.pem",
              new String(
                  Base64.getDecoder()
                      .decode((String) clusterBody.get("certificate-authority-data")),
                  StandardCharsets.US_ASCII));
      Map<?, ?> userEntry = (Map<?, ?>) ((List<?>) parsed.get("users")).get(0);
      String token = (String) ((Map<?, ?>) userEntry.get("user")).get("token");
      String view = (String) clusterBody.get("server");
      Result objects =
          run(
              List.of(
                  "curl",
                  "-sS",
                  "--cacert",
                  ca.toString(),
                  "-H",
                  "Authorization: Bearer " + token,
                  view + "/objects"),
              Map.of());
      assertTrue(objects.out.contains("SyncerObjectList"), objects.out);
      Result beat =
          run(
              List.of(
                  "curl",
                  "-sS",
                  "--cacert",
                  ca.toString(),
                  "-X",
                  "PATCH",
                  "-H",
                  "Authorization: Bearer " + token,
                  "-H",
                  "Content-Type: application/merge-patch+json",
                  view
                      + "/clusters/root:clu/apis/workload.atrium.dev/v1alpha1/synctargets/pc1/status",
                  "-d",
                  "{\"status\":{\"lastHeartbeatTime\":\""
                      + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                      + "\",\"agentVersion\":\"9.9.9\",\"syncedResources\":[{\"group\":\"apps\","
                      + "\"resource\":\"deployments\",\"count\":2},{\"group\":\"\",\"resource\":"
                      + "\"configmaps\",\"count\":3}]}}"),
              Map.of());
      assertTrue(beat.out.contains("HeartbeatReceived"), beat.out);
      list = run(List.of(KUBECTL, "atrium", "cluster", "list"), env);
      assertTrue(
          list.out
              .lines()
              .anyMatch(l -> l.matches("pc1 +" + key + " +True +\\d+s +9\\.9\\.9 +5 +region=eu")),
          list.out);
      Result again =
          run(
              List.of(
                  KUBECTL,
                  "atrium",
                  "cluster",
                  "register",
                  "pc1",
                  "-o",
                  dir.resolve("agent2.yaml").toString()),
              env);
      assertEquals(0, again.code, again.out);
      assertTrue(again.out.contains("exists already"), again.out);
      Result deregister =
          run(
              List.of(
                  KUBECTL, "atrium", "cluster", "deregister", "pc1", "--wait", "--timeout", "120"),
              env);
      assertEquals(0, deregister.code, deregister.out);
      assertTrue(deregister.out.contains("synctarget \"pc1\" deregistered"), deregister.out);
      Result gone = hubKubectl(admin, wsServer, "get", "synctarget", "pc1");
      assertTrue(gone.out.contains("NotFound") || gone.out.contains("not found"), gone.out);
      // the hub deletes the agent's ServiceAccount: its token stops working
      long until = System.currentTimeMillis() + 60_000;
      Result sa;
      do {
        Thread.sleep(500);
        sa =
            hubKubectl(
                admin, wsServer, "-n", "default", "get", "serviceaccount", "atrium-syncer-pc1");
      } while (sa.code == 0 && System.currentTimeMillis() < until);
      assertTrue(sa.out.contains("NotFound") || sa.out.contains("not found"), sa.out);
      Result revoked =
          run(
              List.of(
                  "curl",
                  "-sS",
                  "--cacert",
                  ca.toString(),
                  "-H",
                  "Authorization: Bearer " + token,
                  view + "/objects"),
              Map.of());
      assertTrue(revoked.out.contains("Unauthorized"), revoked.out);
      // and the name can be registered again from scratch
      Result reregister =
          run(
              List.of(
                  KUBECTL,
                  "atrium",
                  "cluster",
                  "register",
                  "pc1",
                  "-o",
                  dir.resolve("agent3.yaml").toString()),
              env);
      assertEquals(0, reregister.code, reregister.out);
      assertTrue(reregister.out.contains("SyncTarget \"pc1\" created"), reregister.out);
      assertTrue(
          reregister.out.contains("ServiceAccount \"default/atrium-syncer-pc1\" created"),
          reregister.out);
      assertEquals(
          0, run(List.of(KUBECTL, "atrium", "cluster", "deregister", "pc1", "--wait"), env).code);
      Result missing = run(List.of(KUBECTL, "atrium", "cluster", "deregister", "pc1"), env);
      assertEquals(1, missing.code, missing.out);
      assertTrue(
          missing.out.contains("error: synctarget \"pc1\" not found in workspace root:clu"),
          missing.out);
    } finally {
      pc("delete", "--ignore-not-found", "--wait=false", "namespace", "atrium-system");
      hub.destroy();
      if (!hub.waitFor(30, TimeUnit.SECONDS)) {
        hub.destroyForcibly();
      }
    }
  }

  private static Result hubKubectl(Path kubeconfig, String server, String... args)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(KUBECTL, "--kubeconfig", kubeconfig.toString(), "--server", server));
    command.addAll(List.of(args));
    return run(command, Map.of());
  }

  /** A SubjectAccessReview for the agent: "verb group resource [subresource]" ('' = core). */
  private static String canI(String request) throws Exception {
    String[] p = request.split(" ");
    String group = p[1].equals("''") ? "" : p[1];
    String sub = p.length > 3 ? p[3] : "";
    boolean clusterScoped =
        List.of(
                "namespaces",
                "nodes",
                "clusterroles",
                "clusterrolebindings",
                "customresourcedefinitions",
                "persistentvolumes",
                "users",
                "validatingwebhookconfigurations")
            .contains(p[2]);
    String review =
        "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"spec\":{"
            + "\"user\":\""
            + AGENT
            + "\",\"groups\":[\"system:serviceaccounts\",\"system:serviceaccounts:atrium-system\","
            + "\"system:authenticated\"],\"resourceAttributes\":{\"verb\":\""
            + p[0]
            + "\",\"group\":\""
            + group
            + "\",\"resource\":\""
            + p[2]
            + "\",\"subresource\":\""
            + sub
            + "\",\"namespace\":\""
            + (clusterScoped ? "" : "any")
            + "\"}}}";
    Path file = write("sar.json", review);
    Result r = pc("create", "-f", file.toString(), "-o", "jsonpath={.status.allowed}");
    assertEquals(0, r.code, r.out);
    return r.out.trim().isEmpty() ? "false" : r.out.trim();
  }

  private static Result pc(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(KUBECTL, "--kubeconfig", pcKubeconfig.toString()));
    command.addAll(List.of(args));
    return run(command, Map.of());
  }

  record Result(int code, String out) {}

  static Result run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + command);
    return new Result(p.exitValue(), out);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
