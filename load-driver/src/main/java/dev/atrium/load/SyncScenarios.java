package dev.atrium.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.model.workload.Workload;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sync benchmarks against a running hub, a physical cluster and one sync agent already registered
 * as target {@code target} of workspace {@code workspace} (load-driver/bench-sync.sh sets that up):
 *
 * <ul>
 *   <li>{@code sync-distribution}: Deployments spread over workspaces, created at a paced rate;
 *       upstream create acknowledged → downstream object seen by a watch on the cluster.
 *   <li>{@code sync-status}: custom resources synced down; their status patched downstream → the
 *       same status seen by a watch on the hub.
 *   <li>{@code sync-objects-N}: N ConfigMaps synced down (for the agent's resync and heap figures).
 * </ul>
 */
final class SyncScenarios {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceDefinitionContext PROBES =
      new ResourceDefinitionContext.Builder()
          .withGroup("bench.atrium.dev")
          .withVersion("v1")
          .withPlural("probes")
          .withKind("Probe")
          .withNamespaced(true)
          .build();

  private final HubClient hub;
  private final KubernetesClient cluster;
  private final String workspace;
  private final String key;
  private final String run = Long.toString(System.currentTimeMillis() % 100000, 36);

  SyncScenarios(HubClient hub, KubernetesClient cluster, String workspace, String target) {
    this.hub = hub;
    this.cluster = cluster;
    this.workspace = workspace;
    this.key = Workload.targetKey(workspace, target);
  }

  /** {@code workspaces} children of the target's workspace, each with namespace "app". */
  private List<String> workspaces(String prefix, int count) throws Exception {
    List<String> paths = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = prefix + "-" + run + "-" + i;
      futures.add(pool.submit(() -> workspace(name)));
    }
    for (var f : futures) {
      paths.add(f.get());
    }
    pool.shutdown();
    return paths;
  }

  private String workspace(String name) throws Exception {
    String body =
        "{\"apiVersion\":\"tenancy.atrium.dev/v1alpha1\",\"kind\":\"Workspace\","
            + "\"metadata\":{\"name\":\""
            + name
            + "\"}}";
    check(
        hub.exchange(
                "POST",
                "/clusters/" + workspace + "/apis/tenancy.atrium.dev/v1alpha1/workspaces",
                body)
            .statusCode(),
        201,
        name);
    String path = workspace + ":" + name;
    for (int i = 0; i < 200; i++) {
      int code =
          hub.send(
              "POST",
              "/clusters/" + path + "/api/v1/namespaces",
              "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"app\"}}");
      if (code == 201 || code == 409) {
        return path;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("workspace " + path + " never became ready");
  }

  private static void check(int code, int want, String what) {
    if (code != want) {
      throw new IllegalStateException(what + ": HTTP " + code);
    }
  }

  private String label() {
    return "\"" + Workload.stateLabel(key) + "\":\"Sync\"";
  }

  /**
   * Upstream create → downstream exists, for {@code perWorkspace} Deployments in each workspace.
   */
  void distribution(int workspaceCount, int perWorkspace, int ratePerSecond) throws Exception {
    List<String> paths = workspaces("dist", workspaceCount);
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    Map<String, Long> seen = new ConcurrentHashMap<>();
    var watch =
        cluster
            .apps()
            .deployments()
            .inAnyNamespace()
            .withLabel(Workload.SYNC_TARGET_LABEL, key)
            .watch(recorder(seen));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    long intervalNanos = 1_000_000_000L / ratePerSecond;
    long start = System.nanoTime();
    int n = 0;
    for (int i = 0; i < perWorkspace; i++) {
      for (String path : paths) {
        long due = start + n++ * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        String name = "web-" + i;
        String id = Workload.downstreamNamespace(path, "app") + "/" + name;
        pool.submit(
            () -> {
              long t0 = System.nanoTime();
              int code =
                  hub.send(
                      "POST",
                      "/clusters/" + path + "/apis/apps/v1/namespaces/app/deployments",
                      deployment(name));
              if (code == 201) {
                acknowledged.put(id, System.nanoTime());
                created.put(id, t0);
              } else {
                System.err.println("create " + id + ": HTTP " + code);
              }
              return null;
            });
      }
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    waitFor(() -> seen.keySet().containsAll(created.keySet()), 120);
    watch.close();
    report("sync-distribution (create sent → downstream)", created, seen);
    report("sync-distribution (create acknowledged → downstream)", acknowledged, seen);
  }

  private String deployment(String name) {
    return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\""
        + name
        + "\",\"labels\":{\"app\":\""
        + name
        + "\","
        + label()
        + "}},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\""
        + name
        + "\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\""
        + name
        + "\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx:1.27\"}]}}}}";
  }

  private static <T extends HasMetadata> Watcher<T> recorder(Map<String, Long> seen) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        if (action == Action.ADDED || action == Action.MODIFIED) {
          seen.putIfAbsent(
              resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName(),
              System.nanoTime());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  /** Downstream status patch → upstream status, for {@code count} custom resources. */
  void statusRoundTrip(int count) throws Exception {
    String path = workspaces("status", 1).get(0);
    String crd =
        "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\","
            + "\"metadata\":{\"name\":\"probes.bench.atrium.dev\"},\"spec\":{\"group\":\"bench.atrium.dev\","
            + "\"scope\":\"Namespaced\",\"names\":{\"plural\":\"probes\",\"singular\":\"probe\",\"kind\":\"Probe\"},"
            + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"subresources\":{\"status\":{}},"
            + "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
            + "\"properties\":{\"n\":{\"type\":\"integer\"}}},\"status\":{\"type\":\"object\",\"properties\":"
            + "{\"phase\":{\"type\":\"string\"}}}}}}}]}}";
    check(
        hub.exchange(
                "POST",
                "/clusters/" + path + "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                crd)
            .statusCode(),
        201,
        "crd");
    String probes = "/clusters/" + path + "/apis/bench.atrium.dev/v1/namespaces/app/probes";
    for (int i = 0; i < 200; i++) {
      if (hub.get(probes).statusCode() == 200) {
        break;
      }
      Thread.sleep(50);
    }
    String ns = Workload.downstreamNamespace(path, "app");
    for (int i = 0; i < count; i++) {
      String body =
          "{\"apiVersion\":\"bench.atrium.dev/v1\",\"kind\":\"Probe\",\"metadata\":{\"name\":\"p"
              + i
              + "\",\"labels\":{"
              + label()
              + "}},\"spec\":{\"n\":"
              + i
              + "}}";
      check(hub.exchange("POST", probes, body).statusCode(), 201, "probe " + i);
    }
    waitFor(() -> probesDownstream(ns) >= count, 120);
    String rv =
        JSON.readTree(hub.get(probes).body()).path("metadata").path("resourceVersion").asText();
    Map<String, Long> patched = new ConcurrentHashMap<>();
    Map<String, Long> seen = new ConcurrentHashMap<>();
    Thread watcher =
        new Thread(
            () -> {
              try {
                hub.stream(probes + "?watch=true&resourceVersion=" + rv)
                    .body()
                    .forEach(line -> upstreamStatus(line, seen));
              } catch (Exception e) {
                System.err.println("hub watch: " + e);
              }
            });
    watcher.setDaemon(true);
    watcher.start();
    Thread.sleep(500);
    for (int i = 0; i < count; i++) {
      String name = "p" + i;
      GenericKubernetesResource r =
          cluster.genericKubernetesResources(PROBES).inNamespace(ns).withName(name).get();
      r.setAdditionalProperty("status", Map.of("phase", "done-" + run));
      patched.put(name, System.nanoTime());
      cluster.genericKubernetesResources(PROBES).inNamespace(ns).resource(r).updateStatus();
      Thread.sleep(20);
    }
    waitFor(() -> seen.keySet().containsAll(patched.keySet()), 60);
    report("sync-status", patched, seen);
  }

  /** How many probes are downstream; 0 while the agent has not installed their CRD yet. */
  private int probesDownstream(String ns) {
    try {
      return cluster.genericKubernetesResources(PROBES).inNamespace(ns).list().getItems().size();
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() == 404) {
        return 0;
      }
      throw e;
    }
  }

  private void upstreamStatus(String line, Map<String, Long> seen) {
    try {
      JsonNode event = JSON.readTree(line);
      JsonNode object = event.path("object");
      if (("done-" + run).equals(object.path("status").path("phase").asText())) {
        seen.putIfAbsent(object.path("metadata").path("name").asText(), System.nanoTime());
      }
    } catch (Exception e) {
      System.err.println("bad watch line: " + line);
    }
  }

  /** {@code count} ConfigMaps in 10 workspaces, synced down; prints the time until all exist. */
  void objects(int count) throws Exception {
    List<String> paths = workspaces("objs", 10);
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    long start = System.nanoTime();
    for (int t = 0; t < 16; t++) {
      pool.submit(
          () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
              String path = paths.get(i % paths.size());
              String body =
                  "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-"
                      + i
                      + "\",\"labels\":{"
                      + label()
                      + "}},\"data\":{\"i\":\""
                      + i
                      + "\"}}";
              hub.send("POST", "/clusters/" + path + "/api/v1/namespaces/app/configmaps", body);
            }
            return null;
          });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    waitFor(
        () ->
            cluster
                    .configMaps()
                    .inAnyNamespace()
                    .withLabel(Workload.SYNC_TARGET_LABEL, key)
                    .list()
                    .getItems()
                    .size()
                >= count,
        600);
    System.out.printf(
        "sync-objects-%d: all downstream %.1f s after the first create%n",
        count, (System.nanoTime() - start) / 1e9);
  }

  /**
   * A flood of {@code count} ConfigMaps in one workspace, then one object in a quiet workspace: its
   * create → downstream time, and how much of the flood was done by then. With {@code agentCommand}
   * the flood is created while the agent is down and the agent is then started (a cold agent with
   * the flood queued); with an empty command the agent is already running and the quiet object is
   * created while the flood is still arriving and queued at the agent.
   */
  void fairness(int count, List<String> agentCommand) throws Exception {
    List<String> paths = workspaces("fair", 2);
    String flood = paths.get(0);
    String quiet = paths.get(1);
    boolean cold = !agentCommand.isEmpty();
    String floodNs = Workload.downstreamNamespace(flood, "app");
    AtomicInteger created = new AtomicInteger();
    ExecutorService pool = createFlood(flood, count, created);
    Process agentProcess = null;
    if (cold) {
      pool.awaitTermination(10, TimeUnit.MINUTES);
      System.out.printf(
          "sync-fairness: %d objects queued in %s; starting the agent%n", count, flood);
      agentProcess = startAgent(agentCommand);
      waitFor(() -> floodStarted(floodNs), 300);
    } else {
      waitFor(() -> created.get() >= count / 5 && floodStarted(floodNs), 300);
    }
    int createdBefore = created.get();
    int doneBefore = floodDone(floodNs);
    String quietNs = Workload.downstreamNamespace(quiet, "app");
    Map<String, Long> seen = new ConcurrentHashMap<>();
    var watch = cluster.configMaps().inNamespace(quietNs).watch(recorder(seen));
    long t0 = System.nanoTime();
    hub.send(
        "POST",
        "/clusters/" + quiet + "/api/v1/namespaces/app/configmaps",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"quiet\",\"labels\":{"
            + label()
            + "}}}");
    String id = quietNs + "/quiet";
    waitFor(() -> seen.containsKey(id), 120);
    watch.close();
    long t1 = seen.getOrDefault(id, System.nanoTime());
    int done = floodDone(floodNs);
    System.out.printf(
        "sync-fairness-%d (%s agent): the quiet workspace's object downstream %.0f ms after its create;"
            + " flood: %d created upstream and %d downstream at that create, %d downstream after%n",
        count, cold ? "starting" : "running", (t1 - t0) / 1e6, createdBefore, doneBefore, done);
    pool.awaitTermination(10, TimeUnit.MINUTES);
    if (agentProcess != null) {
      agentProcess.destroy();
      agentProcess.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private ExecutorService createFlood(String flood, int count, AtomicInteger created) {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    for (int t = 0; t < 16; t++) {
      pool.submit(
          () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
              hub.send(
                  "POST",
                  "/clusters/" + flood + "/api/v1/namespaces/app/configmaps",
                  "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"f-"
                      + i
                      + "\",\"labels\":{"
                      + label()
                      + "}},\"data\":{\"i\":\""
                      + i
                      + "\"}}");
              created.incrementAndGet();
            }
            return null;
          });
    }
    pool.shutdown();
    return pool;
  }

  private Process startAgent(List<String> command) throws java.io.IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(
            ProcessBuilder.Redirect.appendTo(
                new java.io.File(System.getProperty("sync.agent.log", "/tmp/fairness-agent.log"))))
        .start();
  }

  /** Whether the agent has put at least one flood object downstream (a list of one). */
  private boolean floodStarted(String floodNs) {
    return !cluster
        .configMaps()
        .inNamespace(floodNs)
        .withLabel(Workload.SYNC_TARGET_LABEL, key)
        .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build())
        .getItems()
        .isEmpty();
  }

  private int floodDone(String floodNs) {
    return cluster
        .configMaps()
        .inNamespace(floodNs)
        .withLabel(Workload.SYNC_TARGET_LABEL, key)
        .list()
        .getItems()
        .size();
  }

  private static void report(String name, Map<String, Long> from, Map<String, Long> to) {
    long[] samples =
        from.entrySet().stream()
            .filter(e -> to.containsKey(e.getKey()))
            .mapToLong(e -> Math.max(0, to.get(e.getKey()) - e.getValue()))
            .toArray();
    System.out.printf(
        "%s: %s (missing %d)%n", name, new Stats(samples).summary(), from.size() - samples.length);
  }

  private static void waitFor(java.util.function.BooleanSupplier done, int seconds)
      throws InterruptedException {
    long end = System.currentTimeMillis() + seconds * 1000L;
    while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
      Thread.sleep(100);
    }
  }
}
