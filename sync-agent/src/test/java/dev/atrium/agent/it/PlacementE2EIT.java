package dev.atrium.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.agent.mapping.Json;
import dev.atrium.model.workload.Workload;
import dev.atrium.testsupport.PhysicalCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Placement end to end: the real hub (its jar, test profile: heartbeat timeout 4 s; failover after
 * 6 s), two real physical clusters ({@link PhysicalCluster}, started in parallel on free ports),
 * two SyncTargets with labels and two agent processes of this module's jar. Proves spread
 * (Placements with {@code numberOfClusters: 1}: each namespace's objects on exactly its cluster),
 * aggregation (a Deployment on both clusters: summed counts, Available only when available on both,
 * the minimum observedGeneration, per-target status in {@code status.workload.atrium.dev/<key>})
 * and failover (an agent killed: its share moves to the healthy cluster; the agent started again
 * removes its now-unplaced copies). Run by failsafe after package ({@code ./mvnw verify}).
 *
 * <p>Ports: {@code ATRIUM_E2E_PC1_PORT} / {@code ATRIUM_E2E_PC1_ETCD_PORT} (17743 / 17779) and
 * {@code ATRIUM_E2E_PC2_*} (17753 / 17789); the hub takes a free port.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlacementE2EIT {

  private static final String WS = "root:e2e";
  private static final Duration SYNC = Duration.ofSeconds(120);
  private static final String[] NAMES = {"pc1", "pc2"};

  private static final Map<String, PhysicalCluster> clusters = new LinkedHashMap<>();
  private static final Map<String, KubernetesClient> downstream = new LinkedHashMap<>();
  private static final Map<String, AgentProcess> agents = new LinkedHashMap<>();
  private static HubProcess hub;
  private static Kubectl ws;
  private static Path dir;

  /** Namespace of the spread test → the key of the target its Placement chose. */
  private static final Map<String, String> spread = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("atrium-placement-e2e-");
    CompletableFuture<PhysicalCluster> pc1 =
        CompletableFuture.supplyAsync(() -> cluster("ATRIUM_E2E_PC1_KUBECONFIG"));
    CompletableFuture<PhysicalCluster> pc2 =
        CompletableFuture.supplyAsync(() -> cluster("ATRIUM_E2E_PC2_KUBECONFIG"));
    hub =
        HubProcess.start(
            Map.of(
                "atrium.placement.failover-after", "6s",
                "quarkus.log.category.\"atrium.request\".level", "WARN"));
    hub.awaitReady(Duration.ofMinutes(5));
    try {
      clusters.put("pc1", pc1.join());
      clusters.put("pc2", pc2.join());
    } catch (CompletionException e) {
      throw new AssertionError("a physical cluster did not start", e.getCause());
    }
    for (var e : clusters.entrySet()) {
      downstream.put(
          e.getKey(),
          new KubernetesClientBuilder().withConfig(patient(e.getValue().kubeconfig)).build());
    }
    Kubectl root = hub.kubectl("root");
    root.apply("apiVersion: tenancy.atrium.dev/v1alpha1\nkind: Workspace\nmetadata: {name: e2e}\n");
    root.run("wait", "--for=jsonpath={.status.phase}=Ready", "workspace/e2e", "--timeout=120s")
        .ok();
    ws = hub.kubectl(WS);
    for (String name : NAMES) {
      register(name);
    }
    for (String name : NAMES) {
      await(name + " Ready", SYNC, () -> "True".equals(condition(target(name), "Ready")));
    }
  }

  /** The cluster's config with 30 s connect and request timeouts (two cores, load 25 and more). */
  private static Config patient(Path kubeconfig) throws java.io.IOException {
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setConnectionTimeout(30_000);
    config.setRequestTimeout(30_000);
    return config;
  }

  /** A cluster on free ports, or the running one whose kubeconfig the variable names. */
  private static PhysicalCluster cluster(String kubeconfigVariable) {
    String existing = System.getenv(kubeconfigVariable);
    try {
      return existing == null || existing.isBlank()
          ? PhysicalCluster.start()
          : PhysicalCluster.existing(Path.of(existing));
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  /**
   * A SyncTarget labelled {@code region=eu, cluster=<name>}, its agent ServiceAccount and token,
   * and the agent process with a hub kubeconfig pointing at its syncer view.
   */
  private static void register(String name) throws Exception {
    ws.apply(
        """
        apiVersion: workload.atrium.dev/v1alpha1
        kind: SyncTarget
        metadata: {name: %s, labels: {region: eu, cluster: %s}}
        """
            .formatted(name, name));
    String sa = Workload.agentServiceAccount(name);
    ws.run("-n", Workload.AGENT_NAMESPACE, "create", "serviceaccount", sa).ok();
    String token =
        ws.run("-n", Workload.AGENT_NAMESPACE, "create", "token", sa, "--duration=24h")
            .ok()
            .out()
            .trim();
    String ca =
        hub.kubectl("root")
            .run(
                "config",
                "view",
                "--raw",
                "--minify",
                "-o",
                "jsonpath={.clusters[0].cluster.certificate-authority-data}")
            .ok()
            .out()
            .trim();
    Path kubeconfig = dir.resolve(name + "-hub.kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: hub, cluster: {server: "%s", certificate-authority-data: %s}}]
        users: [{name: agent, user: {token: "%s"}}]
        contexts: [{name: hub, context: {cluster: hub, user: agent}}]
        current-context: hub
        """
            .formatted(hub.url() + Workload.viewPath(WS, name), ca, token));
    agents.put(
        name, new AgentProcess(clusters.get(name).kubeconfig, kubeconfig, name, dir).start());
  }

  @AfterAll
  static void stop() throws Exception {
    for (AgentProcess a : agents.values()) {
      a.close();
    }
    for (KubernetesClient c : downstream.values()) {
      c.close();
    }
    if (hub != null) {
      hub.close();
    }
    List<CompletableFuture<Void>> down = new ArrayList<>();
    for (PhysicalCluster c : clusters.values()) {
      down.add(CompletableFuture.runAsync(() -> close(c)));
    }
    down.forEach(CompletableFuture::join);
  }

  private static void close(PhysicalCluster c) {
    try {
      c.close();
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  // --- spread ------------------------------------------------------------------------------

  /**
   * One Placement per namespace, each {@code numberOfClusters: 1} over both targets, until both
   * targets were chosen (rendezvous order differs per Placement); each namespace's ConfigMap then
   * exists on exactly the chosen cluster and is labelled for its key alone upstream.
   */
  @Test
  @Order(1)
  void placementsWithOneClusterSpreadNamespacesOverTheTargets() throws Exception {
    for (int i = 0; i < 12 && spread.values().stream().distinct().count() < 2; i++) {
      String ns = "spread-" + i;
      ws.apply(
          """
          apiVersion: v1
          kind: Namespace
          metadata: {name: %s, labels: {spread: "%d"}}
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: app, namespace: %s}
          data: {placed: "%s"}
          ---
          apiVersion: workload.atrium.dev/v1alpha1
          kind: Placement
          metadata: {name: %s}
          spec:
            locationSelectors: [{matchLabels: {region: eu}}]
            namespaceSelector: {matchLabels: {spread: "%d"}}
            numberOfClusters: 1
          """
              .formatted(ns, i, ns, ns, ns, i));
      spread.put(ns, awaitChosen(ns));
    }
    assertEquals(2, spread.values().stream().distinct().count(), "both targets chosen: " + spread);
    for (var e : spread.entrySet()) {
      String on = nameOf(e.getValue());
      await(e.getKey() + "/app on " + on, SYNC, () -> configMap(on, e.getKey()) != null);
      JsonNode upstream = json(ws.run("-n", e.getKey(), "get", "configmap", "app", "-o", "json"));
      assertEquals(
          "Sync",
          upstream.path("metadata").path("labels").path(Workload.stateLabel(e.getValue())).asText(),
          upstream.toString());
    }
    for (var e : spread.entrySet()) {
      String other = otherThan(nameOf(e.getValue()));
      assertNull(configMap(other, e.getKey()), e.getKey() + "/app must not be on " + other);
      assertNull(
          patiently(
              () ->
                  downstream
                      .get(other)
                      .namespaces()
                      .withName(Workload.downstreamNamespace(WS, e.getKey()))
                      .get()),
          e.getKey() + " must not be on " + other);
    }
  }

  // --- aggregation -------------------------------------------------------------------------

  /**
   * A Deployment on both clusters: upstream counts are the sums, observedGeneration the minimum of
   * the per-target statuses (annotations), Available True only while available on both (pc2's nodes
   * cordoned: its third replica stays Pending, Available False there and upstream).
   */
  @Test
  @Order(2)
  void statusOfADeploymentOnBothClustersIsTheirAggregate() throws Exception {
    ws.apply(
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: agg, labels: {tier: both}}
        ---
        apiVersion: workload.atrium.dev/v1alpha1
        kind: Placement
        metadata: {name: both}
        spec:
          locationSelectors: [{matchLabels: {region: eu}}]
          namespaceSelector: {matchLabels: {tier: both}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: agg}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: "nginx:1.27"}]}
        """);
    awaitWeb("4 of 4 available", w -> counts(w, 4, 4, 4) && available(w, "True"));
    JsonNode web = web();
    for (String name : NAMES) {
      JsonNode own = perTarget(web, name);
      assertEquals(2, own.path("availableReplicas").asInt(), name + ": " + own);
      assertEquals("True", condition(own, "Available"), name + ": " + own);
    }
    assertEquals(
        minObservedGeneration(web), web.path("status").path("observedGeneration").asLong());
    String shown =
        ws.run(
                "-n",
                "agg",
                "get",
                "deployment",
                "web",
                "-o",
                "jsonpath={.status.replicas} {.status.readyReplicas} {.status.availableReplicas}")
            .ok()
            .out();
    assertEquals("4 4 4", shown.trim(), "kubectl get shows the aggregate");

    Kubectl pc2 = new Kubectl(clusters.get("pc2").kubeconfig, null);
    for (String node : pc2.run("get", "nodes", "-o", "name").ok().out().trim().split("\\s+")) {
      pc2.run("cordon", node).ok();
    }
    try {
      ws.run(
              "-n",
              "agg",
              "patch",
              "deployment",
              "web",
              "--type=merge",
              "-p",
              "{\"spec\":{\"replicas\":3}}")
          .ok();
      awaitWeb(
          "5 of 6 available, Available False (pc2 short of one)",
          w -> counts(w, 6, 5, 5) && available(w, "False"));
      web = web();
      assertEquals("True", condition(perTarget(web, "pc1"), "Available"), web.toString());
      assertEquals("False", condition(perTarget(web, "pc2"), "Available"), web.toString());
      assertEquals(
          minObservedGeneration(web), web.path("status").path("observedGeneration").asLong());
    } finally {
      for (String node : pc2.run("get", "nodes", "-o", "name").ok().out().trim().split("\\s+")) {
        pc2.run("uncordon", node).ok();
      }
    }
    awaitWeb("6 of 6 available again", w -> counts(w, 6, 6, 6) && available(w, "True"));
    assertEquals(2, web().path("status").path("observedGeneration").asLong());
  }

  // --- failover ----------------------------------------------------------------------------

  /**
   * The agent of the cluster that holds {@code spread-0} is killed: after the heartbeat timeout (4
   * s) and the failover delay (6 s) its Placement chooses the other target and the ConfigMap
   * appears there; the dead cluster keeps its copy (nobody is there to delete it) and the
   * Deployment's observedGeneration stays at what the dead cluster last reported (the minimum).
   * Started again, the agent removes the copies that are no longer placed on its cluster, and the
   * Placement stays where it moved.
   */
  @Test
  @Order(3)
  void aLostClustersShareMovesAndItsCopiesGoWhenItComesBack() throws Exception {
    String ns = spread.keySet().iterator().next();
    String lostKey = spread.get(ns);
    String lost = nameOf(lostKey);
    String healthy = otherThan(lost);
    List<String> moving =
        spread.entrySet().stream()
            .filter(e -> e.getValue().equals(lostKey))
            .map(Map.Entry::getKey)
            .toList();
    long killed = System.nanoTime();
    agents.get(lost).kill();
    await(
        lost + " HeartbeatHealthy False",
        Duration.ofSeconds(60),
        () -> "False".equals(condition(target(lost), "HeartbeatHealthy")));
    long detected = System.nanoTime();
    ws.run(
            "-n",
            "agg",
            "patch",
            "deployment",
            "web",
            "--type=merge",
            "-p",
            "{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"rev\":\"3\"}}}}}")
        .ok();
    for (String m : moving) {
      await(m + " placed on " + healthy, SYNC, () -> nameOf(chosen(m)).equals(healthy));
    }
    long moved = System.nanoTime();
    for (String m : moving) {
      await(m + "/app on " + healthy, SYNC, () -> configMap(healthy, m) != null);
      assertNotNull(configMap(lost, m), m + "/app stays on " + lost + " while its agent is down");
    }
    awaitWeb(
        healthy + " at generation 3, " + lost + " still at 2",
        w -> perTarget(w, healthy).path("observedGeneration").asLong() == 3);
    JsonNode web = web();
    assertEquals(2, perTarget(web, lost).path("observedGeneration").asLong(), web.toString());
    assertEquals(2, web.path("status").path("observedGeneration").asLong(), "the minimum: " + web);
    System.out.printf(
        "failover: %s killed; HeartbeatHealthy False after %.1f s, %d namespace(s) re-placed on %s"
            + " after %.1f s%n",
        lost, (detected - killed) / 1e9, moving.size(), healthy, (moved - killed) / 1e9);

    agents.get(lost).start();
    await(lost + " Ready again", SYNC, () -> "True".equals(condition(target(lost), "Ready")));
    for (String m : moving) {
      await(m + "/app removed from " + lost, SYNC, () -> configMap(lost, m) == null);
      assertNotNull(configMap(healthy, m));
      assertEquals(healthy, nameOf(chosen(m)), "the Placement stays on " + healthy);
    }
    awaitWeb(
        "both at generation 3", w -> w.path("status").path("observedGeneration").asLong() == 3);
  }

  // --- helpers -----------------------------------------------------------------------------

  /**
   * Polls every 200 ms: most conditions run kubectl or GET a physical cluster, on a machine of two
   * cores shared with two control planes, the hub and two agents.
   */
  private static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    Await.await(what, timeout, Duration.ofMillis(200), condition);
  }

  private static String awaitChosen(String placement) throws InterruptedException {
    await(placement + " chose a target", SYNC, () -> !chosen(placement).isEmpty());
    return chosen(placement);
  }

  /** The key a Placement chose ({@code status.selectedTargets}, one), or "" before it chose. */
  private static String chosen(String placement) {
    JsonNode selected = get("placement", placement).path("status").path("selectedTargets");
    return selected.size() == 1 ? selected.get(0).path("key").asText() : "";
  }

  private static JsonNode target(String name) {
    return get("synctarget", name);
  }

  private static JsonNode web() {
    return get("-n", "agg", "deployment", "web");
  }

  private static void awaitWeb(String what, java.util.function.Predicate<JsonNode> done)
      throws InterruptedException {
    JsonNode[] last = {null};
    try {
      await(what, Duration.ofSeconds(180), () -> done.test(last[0] = web()));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last: " + last[0], e);
    }
  }

  private static boolean counts(JsonNode web, int replicas, int ready, int available) {
    JsonNode s = web.path("status");
    return s.path("replicas").asInt() == replicas
        && s.path("readyReplicas").asInt() == ready
        && s.path("availableReplicas").asInt() == available;
  }

  private static boolean available(JsonNode web, String status) {
    return status.equals(condition(web.path("status"), "Available"));
  }

  /** The status the hub keeps for {@code target} in the annotation of its key. */
  private static JsonNode perTarget(JsonNode object, String target) {
    String key = Workload.targetKey(WS, target);
    String text =
        object.path("metadata").path("annotations").path(Workload.statusAnnotation(key)).asText("");
    return text.isEmpty() ? Json.parse("{}") : Json.parse(text);
  }

  private static long minObservedGeneration(JsonNode object) {
    long min = Long.MAX_VALUE;
    for (String name : NAMES) {
      min = Math.min(min, perTarget(object, name).path("observedGeneration").asLong());
    }
    return min;
  }

  /** GET through kubectl against the hub workspace, as JSON. */
  private static JsonNode get(String... what) {
    List<String> args = new ArrayList<>(List.of("get"));
    args.addAll(List.of(what));
    args.addAll(List.of("-o", "json"));
    return patiently(
        () -> {
          try {
            return json(ws.run(args.toArray(String[]::new)).ok());
          } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * A read tried up to 5 times, 1 s apart: on this shared machine an apiserver or the hub sometimes
   * does not answer within a client's timeout. A NotFound is an answer (null), not a failure; the
   * last failure is rethrown.
   */
  private static <T> T patiently(java.util.function.Supplier<T> read) {
    RuntimeException last = null;
    for (int i = 0; i < 5; i++) {
      try {
        return read.get();
      } catch (RuntimeException e) {
        last = e;
      } catch (AssertionError e) {
        last = new IllegalStateException(e.getMessage(), e);
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw last;
  }

  private static JsonNode json(Kubectl.Result r) {
    return Json.parse(r.ok().out());
  }

  private static io.fabric8.kubernetes.api.model.ConfigMap configMap(String cluster, String ns) {
    return patiently(
        () ->
            downstream
                .get(cluster)
                .configMaps()
                .inNamespace(Workload.downstreamNamespace(WS, ns))
                .withName("app")
                .get());
  }

  /** A condition's status in an object's (or a status's) conditions, "" when absent. */
  private static String condition(JsonNode objectOrStatus, String type) {
    JsonNode status =
        objectOrStatus.has("conditions") ? objectOrStatus : objectOrStatus.path("status");
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c.path("status").asText();
      }
    }
    return "";
  }

  private static String nameOf(String key) {
    for (String name : NAMES) {
      if (Workload.targetKey(WS, name).equals(key)) {
        return name;
      }
    }
    return "";
  }

  private static String otherThan(String name) {
    return name.equals("pc1") ? "pc2" : "pc1";
  }
}
