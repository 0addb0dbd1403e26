package dev.atrium.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Load scenarios against a running hub (see docs/benchmarks.md):
 *
 * <pre>
 * java -jar load-driver/target/load-driver.jar [url] [dataDir|kubeconfig] [scenario...]
 * scenarios: creates gets list watch (default: all)
 * </pre>
 *
 * <p>The second argument is either the hub's data directory (admin token and CA) or a kubeconfig
 * file, whose current context is used (token or client certificate); with a kubeconfig an empty url
 * means its server. So the create, get, list and watch scenarios run unchanged against a
 * kube-apiserver too ({@code load-driver/bench-vs-kube.sh}).
 */
public final class LoadDriver {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENTS = 16;
  private static final long DURATION_MS = 10_000;
  private static final AtomicInteger CREATE_RUNS = new AtomicInteger();

  private final HubClient hub;
  private final String run = Long.toString(System.currentTimeMillis() % 100000, 36);

  private LoadDriver(HubClient hub) {
    this.hub = hub;
  }

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "https://127.0.0.1:6443";
    Path access = Path.of(args.length > 1 ? args[1] : ".atrium");
    List<String> scenarios =
        args.length > 2
            ? List.of(args).subList(2, args.length)
            : List.of("creates", "gets", "list", "watch");
    LoadDriver driver =
        new LoadDriver(
            java.nio.file.Files.isRegularFile(access)
                ? HubClient.fromKubeconfig(url, access)
                : new HubClient(url, access));
    for (String s : scenarios) {
      switch (s) {
        case "creates" -> driver.creates();
        case "gets" -> driver.gets();
        case "list" -> driver.list();
        case "watch" -> driver.watch();
        case "workspaces" -> new WorkspaceScenarios(driver.hub).tree(10, 10, 99, 0);
        case "workspaces-paced" -> new WorkspaceScenarios(driver.hub).tree(10, 10, 99, 200);
        case "workspaces-small" -> new WorkspaceScenarios(driver.hub).tree(2, 2, 2, 0);
        case "workspaces-1k" -> new WorkspaceScenarios(driver.hub).tree(5, 5, 40, 0);
        case "workspaces-1k-paced" -> new WorkspaceScenarios(driver.hub).tree(5, 5, 40, 200);
        case "ws-latency" -> new WorkspaceScenarios(driver.hub).latency(200, "");
        case "ws-get" ->
            new WorkspaceScenarios(driver.hub).getLatency(System.getProperty("label", "now"));
        case "fairness" -> new WorkspaceScenarios(driver.hub).fairness();
        case "sync-distribution" -> sync(driver).distribution(100, 10, rate(100));
        case "sync-status" -> sync(driver).statusRoundTrip(200);
        case "sync-fairness" ->
            sync(driver)
                .fairness(
                    Integer.getInteger("sync.flood", 10_000),
                    System.getProperty("sync.agent.cmd", "").isBlank()
                        ? List.of()
                        : List.of(System.getProperty("sync.agent.cmd").split(" ")));
        default -> pacedTree(driver, s);
      }
    }
    // Streaming watch reads are not interruptible; end the JVM instead of waiting for them.
    System.exit(0);
  }

  /**
   * The sync scenarios: system properties {@code sync.kubeconfig} (the physical cluster), {@code
   * sync.workspace} and {@code sync.target} (the registered target whose agent runs).
   */
  private static SyncScenarios sync(LoadDriver driver) {
    var config =
        io.fabric8.kubernetes.client.Config.fromKubeconfig(
            readString(System.getProperty("sync.kubeconfig")));
    var client =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build();
    return new SyncScenarios(
        driver.hub,
        client,
        System.getProperty("sync.workspace", "root:bench-sync"),
        System.getProperty("sync.target", "bench"));
  }

  private static int rate(int fallback) {
    return Integer.getInteger("sync.rate", fallback);
  }

  private static String readString(String path) {
    try {
      return java.nio.file.Files.readString(Path.of(path));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("sync.kubeconfig: " + e.getMessage(), e);
    }
  }

  /** {@code workspaces-paced-N}: the 10,010-workspace tree offered at N workspaces/s. */
  private static void pacedTree(LoadDriver driver, String scenario) throws Exception {
    if (scenario.matches("fleet-\\d+")) {
      int agents = Integer.parseInt(scenario.substring("fleet-".length()));
      new FleetScenario(driver.hub, driver.hub.baseUrl(), agents).run();
      return;
    }
    if (scenario.matches("apis-watch-\\d+")) {
      int binders = Integer.parseInt(scenario.substring("apis-watch-".length()));
      new ApiScenarios(driver.hub)
          .providerWatch(binders, 2000, Integer.getInteger("apis.rate", 100));
      return;
    }
    if (scenario.matches("propagation-fanout-\\d+")) {
      new PropagationScenarios(driver.hub)
          .fanOut(Integer.parseInt(scenario.substring("propagation-fanout-".length())));
      return;
    }
    if (scenario.matches("policies-\\d+")) {
      new PropagationScenarios(driver.hub)
          .policies(Integer.parseInt(scenario.substring("policies-".length())));
      return;
    }
    if (scenario.matches("sync-objects-\\d+")) {
      sync(driver).objects(Integer.parseInt(scenario.substring("sync-objects-".length())));
      return;
    }
    String prefix = "workspaces-paced-";
    if (!scenario.startsWith(prefix) || !scenario.substring(prefix.length()).matches("\\d+")) {
      throw new IllegalArgumentException("unknown scenario " + scenario);
    }
    int rate = Integer.parseInt(scenario.substring(prefix.length()));
    new WorkspaceScenarios(driver.hub).tree(10, 10, 99, rate);
  }

  private String namespace(String purpose) throws Exception {
    String ns = "bench-" + purpose + "-" + run;
    int code = hub.send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}");
    if (code != 201 && code != 409) {
      throw new IllegalStateException("namespace create failed: " + code);
    }
    return ns;
  }

  private static String configMap(String name, String value) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\"},\"data\":{\"v\":\""
        + value
        + "\"}}";
  }

  /** configmap creates per second with 16 concurrent clients for 10 s. */
  void creates() throws Exception {
    String ns = namespace("creates");
    String prefix = "c" + CREATE_RUNS.incrementAndGet() + "-";
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<long[]> latencies = new ArrayList<>();
    long start = System.nanoTime();
    runClients(
        (client, deadline) -> {
          List<Long> mine = new ArrayList<>();
          for (int i = 0; System.currentTimeMillis() < deadline; i++) {
            long t0 = System.nanoTime();
            int code =
                hub.send(
                    "POST",
                    "/api/v1/namespaces/" + ns + "/configmaps",
                    configMap(prefix + client + "-" + i, "x"));
            mine.add(System.nanoTime() - t0);
            (code == 201 ? ok : failed).incrementAndGet();
          }
          synchronized (latencies) {
            latencies.add(mine.stream().mapToLong(Long::longValue).toArray());
          }
        });
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "creates: %d ok, %d failed in %.1fs = %.0f creates/s; latency %s%n",
        ok.get(),
        failed.get(),
        seconds,
        ok.get() / seconds,
        new Stats(flatten(latencies)).summary());
  }

  /** GET of existing configmaps with 16 concurrent clients for 10 s. */
  void gets() throws Exception {
    String ns = namespace("gets");
    for (int i = 0; i < 100; i++) {
      hub.send("POST", "/api/v1/namespaces/" + ns + "/configmaps", configMap("g" + i, "x"));
    }
    List<long[]> latencies = new ArrayList<>();
    AtomicLong count = new AtomicLong();
    runClients(
        (client, deadline) -> {
          List<Long> mine = new ArrayList<>();
          while (System.currentTimeMillis() < deadline) {
            String name = "g" + ThreadLocalRandom.current().nextInt(100);
            long t0 = System.nanoTime();
            HttpResponse<String> r = hub.get("/api/v1/namespaces/" + ns + "/configmaps/" + name);
            mine.add(System.nanoTime() - t0);
            if (r.statusCode() != 200) {
              throw new IllegalStateException("get " + r.statusCode());
            }
            count.incrementAndGet();
          }
          synchronized (latencies) {
            latencies.add(mine.stream().mapToLong(Long::longValue).toArray());
          }
        });
    System.out.printf(
        "gets (16 clients): %.0f/s; latency %s%n",
        count.get() / (DURATION_MS / 1000.0), new Stats(flatten(latencies)).summary());
  }

  /** Listing a namespace of 1,000 configmaps, 50 times, one client. */
  void list() throws Exception {
    String ns = namespace("list");
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    for (int i = 0; i < 1000; i++) {
      int n = i;
      pool.submit(
          () ->
              hub.send(
                  "POST",
                  "/api/v1/namespaces/" + ns + "/configmaps",
                  configMap("l" + n, "value-" + n)));
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    long[] samples = new long[50];
    for (int i = -5; i < samples.length; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = hub.get("/api/v1/namespaces/" + ns + "/configmaps");
      long took = System.nanoTime() - t0;
      int items = JSON.readTree(r.body()).path("items").size();
      if (items != 1000) {
        throw new IllegalStateException("list returned " + items + " items");
      }
      if (i >= 0) {
        samples[i] = took;
      }
    }
    System.out.printf("list 1000 configmaps: %s%n", new Stats(samples).summary());
  }

  /** 100 open watches; write→event latency for 200 writes at ~20/s. */
  void watch() throws Exception {
    String ns = namespace("watch");
    int watchers = 100;
    int writes = 200;
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    List<Long> delays = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch started = new CountDownLatch(watchers);
    CountDownLatch done = new CountDownLatch(watchers);
    ExecutorService pool = Executors.newFixedThreadPool(watchers);
    String rv =
        JSON.readTree(hub.get("/api/v1/namespaces/" + ns + "/configmaps").body())
            .path("metadata")
            .path("resourceVersion")
            .asText();
    for (int w = 0; w < watchers; w++) {
      pool.submit(
          () -> {
            HttpResponse<Stream<String>> r =
                hub.stream(
                    "/api/v1/namespaces/"
                        + ns
                        + "/configmaps?watch=1&resourceVersion="
                        + rv
                        + "&timeoutSeconds=120");
            started.countDown();
            Iterator<String> lines = r.body().iterator();
            int seen = 0;
            while (seen < writes && lines.hasNext()) {
              long now = System.nanoTime();
              JsonNode event = JSON.readTree(lines.next());
              Long sent = sentAt.get(event.path("object").path("metadata").path("name").asText());
              if (sent != null && event.path("type").asText().equals("ADDED")) {
                delays.add(now - sent);
                seen++;
              }
            }
            done.countDown();
            return null;
          });
    }
    started.await(60, TimeUnit.SECONDS);
    Thread.sleep(500);
    for (int i = 0; i < writes; i++) {
      String name = "w" + i;
      sentAt.put(name, System.nanoTime());
      hub.send("POST", "/api/v1/namespaces/" + ns + "/configmaps", configMap(name, "x"));
      Thread.sleep(50);
    }
    done.await(60, TimeUnit.SECONDS);
    pool.shutdownNow();
    long[] samples = delays.stream().mapToLong(Long::longValue).toArray();
    System.out.printf(
        "watch delivery (%d watches, %d writes): %s%n",
        watchers, writes, new Stats(samples).summary());
  }

  private interface ClientLoop {
    void run(int client, long deadline) throws Exception;
  }

  private void runClients(ClientLoop loop) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long deadline = System.currentTimeMillis() + DURATION_MS;
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      futures.add(
          pool.submit(
              () -> {
                loop.run(client, deadline);
                return null;
              }));
    }
    for (var f : futures) {
      f.get();
    }
    pool.shutdown();
  }

  private static long[] flatten(List<long[]> parts) {
    return parts.stream().flatMapToLong(java.util.Arrays::stream).toArray();
  }
}
