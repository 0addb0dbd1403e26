package dev.atrium.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Workspace scenarios: creating a tree of workspaces (rate and time to Ready), get latency in a
 * workspace as the tree grows, and fairness under one tenant's flood.
 */
final class WorkspaceScenarios {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HubClient hub;
  private final String run = Long.toString(System.currentTimeMillis() % 100000, 36);

  /** With LOAD_TRACE=file, the tree scenarios write one CSV line per workspace (nanos). */
  private final java.util.Queue<String> trace = new java.util.concurrent.ConcurrentLinkedQueue<>();

  private final long epoch = System.nanoTime();

  WorkspaceScenarios(HubClient hub) {
    this.hub = hub;
  }

  private static String workspace(String name, String type) {
    return "{\"apiVersion\":\"tenancy.atrium.dev/v1alpha1\",\"kind\":\"Workspace\",\"metadata\":{\"name\":\""
        + name
        + "\"},\"spec\":{\"type\":\""
        + type
        + "\"}}";
  }

  private static String workspaces(String parent) {
    return "/clusters/" + parent + "/apis/tenancy.atrium.dev/v1alpha1/workspaces";
  }

  /**
   * Creates orgs × teams × leaves workspaces (depth 3 under root) and measures creation rate and
   * create→Ready latency from a wildcard watch. {@code rate} 0: closed loop, 16 clients each
   * creating as fast as the hub answers (the maximum rate). {@code rate} > 0: open loop, a create
   * is due every 1/rate seconds whatever the hub's latency (64 senders), and latency is counted
   * from when it was due, so a hub falling behind shows as latency, not as a lower offered rate.
   */
  void tree(int orgs, int teams, int leaves, double rate) throws Exception {
    try (ReadyWatch watch = new ReadyWatch()) {
      if (rate > 0) {
        warmUp(SENDERS, 3000);
      }
      int total = orgs + orgs * teams + orgs * teams * leaves;
      long start = System.nanoTime();
      Level level = new Level(watch.sent, watch.ready, rate);
      List<String> orgPaths =
          level.create(List.of("root"), orgs, "org" + run + "-", "organization", 0);
      List<String> teamPaths = level.create(orgPaths, teams, "team", "team", orgs);
      level.create(teamPaths, leaves, "ws", "universal", orgs + orgs * teams);
      long deadline = System.currentTimeMillis() + 120_000;
      while (watch.ready.get() < total && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      writeTrace();
      System.out.printf(
          "workspaces%s: %d created and Ready of %d in %.1fs = %.0f workspaces/s; create->Ready"
              + " %s%n",
          rate > 0 ? String.format(" (offered %.0f/s)", rate) : "",
          watch.ready.get(),
          total,
          seconds,
          watch.ready.get() / seconds,
          new Stats(watch.toReady.stream().mapToLong(Long::longValue).toArray()).summary());
    }
  }

  /**
   * A wildcard watch on workspaces that records, for each workspace in {@code sent} (path → send
   * time), the time until the watch shows it Ready.
   */
  private final class ReadyWatch implements AutoCloseable {
    final Map<String, Long> sent = new ConcurrentHashMap<>();
    final List<Long> toReady = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger ready = new AtomicInteger();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<?> running;

    ReadyWatch() throws Exception {
      String rv =
          JSON.readTree(hub.get(ALL_WORKSPACES + "?limit=1").body())
              .path("metadata")
              .path("resourceVersion")
              .asText();
      running = thread.submit(() -> read(rv));
      Thread.sleep(300);
    }

    private Void read(String rv) throws Exception {
      HttpResponse<Stream<String>> r =
          hub.stream(ALL_WORKSPACES + "?watch=1&resourceVersion=" + rv + "&timeoutSeconds=1800");
      Iterator<String> lines = r.body().iterator();
      while (lines.hasNext()) {
        long now = System.nanoTime();
        String line = lines.next();
        // Scheduling and Initializing events are not parsed: the driver shares the CPU.
        if (line.contains("Ready")) {
          readyEvent(JSON.readTree(line).path("object"), now);
        }
      }
      return null;
    }

    private void readyEvent(JsonNode ws, long now) {
      if (!ws.path("status").path("phase").asText().equals("Ready")) {
        return;
      }
      String key =
          ws.path("metadata").path("annotations").path("atrium.dev/path").asText()
              + ":"
              + ws.path("metadata").path("name").asText();
      Long t0 = sent.remove(key);
      if (t0 != null) {
        trace.add(key + ",ready," + (now - epoch) / 1000);
        toReady.add(now - t0);
        ready.incrementAndGet();
      }
    }

    @Override
    public void close() {
      running.cancel(true);
      thread.shutdownNow();
    }
  }

  private static final String ALL_WORKSPACES =
      "/clusters/*/apis/tenancy.atrium.dev/v1alpha1/workspaces";

  /**
   * Opens the senders' connections (TLS handshakes) and warms the driver's own code before the
   * measured period: clients of a hub hold their connections, so a start-up burst of handshakes and
   * the driver's compilation would be measured as hub latency otherwise.
   */
  private void warmUp(int clients, long millis) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long until = System.currentTimeMillis() + millis;
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                while (System.currentTimeMillis() < until) {
                  hub.get("/version");
                  Thread.sleep(20);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
  }

  private static final int SENDERS = 64;

  /** Creates one level of the tree, closed or open loop. */
  private final class Level {
    private final Map<String, Long> sent;
    private final AtomicInteger ready;
    private final double rate;
    private long nextDue;

    Level(Map<String, Long> sent, AtomicInteger ready, double rate) {
      this.sent = sent;
      this.ready = ready;
      this.rate = rate;
      this.nextDue = System.nanoTime();
    }

    /** Creates {@code count} children under each parent; waits until all are Ready. */
    List<String> create(
        List<String> parents, int count, String prefix, String type, int readyBefore)
        throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(rate > 0 ? SENDERS : 16);
      List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Future<?>> futures = new ArrayList<>();
      long interval = rate > 0 ? (long) (1e9 / rate) : 0;
      nextDue = Math.max(nextDue, System.nanoTime());
      // Round robin over the parents (many teams creating at once), so the per-workspace
      // in-flight limit meant for fairness does not throttle one parent's burst of children.
      for (int i = 0; i < count; i++) {
        for (String parent : parents) {
          String name = prefix + i;
          long due = nextDue;
          nextDue += interval;
          futures.add(pool.submit(() -> createOne(parent, name, type, due, created)));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      int expected = readyBefore + parents.size() * count;
      long deadline = System.currentTimeMillis() + 60_000;
      while (ready.get() < expected && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }
      return created;
    }

    private Void createOne(String parent, String name, String type, long due, List<String> created)
        throws Exception {
      long wait = due - System.nanoTime();
      if (rate > 0 && wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      long sentAt = rate > 0 ? due : System.nanoTime();
      sent.put(parent + ":" + name, sentAt);
      trace.add(parent + ":" + name + ",due," + (sentAt - epoch) / 1000);
      HttpResponse<String> response;
      do {
        response = hub.exchange("POST", workspaces(parent), workspace(name, type));
        if (response.statusCode() == 429) {
          Thread.sleep(100);
        }
      } while (response.statusCode() == 429);
      if (response.statusCode() != 201) {
        throw new IllegalStateException(
            "create "
                + parent
                + ":"
                + name
                + " -> "
                + response.statusCode()
                + " "
                + response.body());
      }
      created.add(parent + ":" + name);
      trace.add(parent + ":" + name + ",created," + (System.nanoTime() - epoch) / 1000);
      return null;
    }
  }

  private void writeTrace() throws java.io.IOException {
    String file = System.getenv("LOAD_TRACE");
    if (file != null && !file.isEmpty()) {
      java.nio.file.Files.write(java.nio.file.Path.of(file), List.copyOf(trace));
    }
  }

  /**
   * Create→Ready latency of workspaces created one at a time (an otherwise idle hub), observed
   * through a watch as a client waiting with {@code kubectl wait} would.
   */
  Stats latency(int count, String label) throws Exception {
    try (ReadyWatch watch = new ReadyWatch()) {
      for (int i = 0; i < count; i++) {
        String name = "lat" + run + label + "-" + i;
        watch.sent.put("root:" + name, System.nanoTime());
        int code = hub.send("POST", workspaces("root"), workspace(name, "universal"));
        if (code != 201) {
          throw new IllegalStateException("create " + code);
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (watch.ready.get() <= i && System.currentTimeMillis() < deadline) {
          Thread.sleep(0, 200_000);
        }
      }
      long[] samples = watch.toReady.stream().mapToLong(Long::longValue).toArray();
      Stats stats = new Stats(samples);
      System.out.printf(
          "workspace create->Ready, one at a time%s: %s%n",
          label.isEmpty() ? "" : " (" + label + ")", stats.summary());
      return stats;
    }
  }

  /** GET latency of one configmap in one workspace (the tree's size is whatever exists now). */
  Stats getLatency(String label) throws Exception {
    String ws = "probe" + run;
    int code = hub.send("POST", workspaces("root"), workspace(ws, "universal"));
    if (code != 201 && code != 409) {
      throw new IllegalStateException("probe workspace " + code);
    }
    String path = "root:" + ws;
    while (!JSON.readTree(hub.get(workspaces("root") + "/" + ws).body())
        .path("status")
        .path("phase")
        .asText()
        .equals("Ready")) {
      Thread.sleep(20);
    }
    hub.send(
        "POST",
        "/clusters/" + path + "/api/v1/namespaces/default/configmaps",
        "{\"metadata\":{\"name\":\"probe\"},\"data\":{\"a\":\"b\"}}");
    for (int i = 0; i < 200; i++) {
      hub.get("/clusters/" + path + "/api/v1/namespaces/default/configmaps/probe");
    }
    long[] samples = new long[2000];
    for (int i = 0; i < samples.length; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r =
          hub.get("/clusters/" + path + "/api/v1/namespaces/default/configmaps/probe");
      samples[i] = System.nanoTime() - t0;
      if (r.statusCode() != 200) {
        throw new IllegalStateException("get " + r.statusCode());
      }
    }
    Stats stats = new Stats(samples);
    System.out.printf("get in a workspace (%s, 1 client): %s%n", label, stats.summary());
    return stats;
  }

  /**
   * One workspace floods with 64 clients; a quiet workspace's GET latency is measured meanwhile.
   */
  void fairness() throws Exception {
    String noisy = "noisy" + run;
    String quiet = "quiet" + run;
    for (String ws : List.of(noisy, quiet)) {
      hub.send("POST", workspaces("root"), workspace(ws, "universal"));
    }
    for (String ws : List.of(noisy, quiet)) {
      while (!JSON.readTree(hub.get(workspaces("root") + "/" + ws).body())
          .path("status")
          .path("phase")
          .asText()
          .equals("Ready")) {
        Thread.sleep(20);
      }
      hub.send(
          "POST",
          "/clusters/root:" + ws + "/api/v1/namespaces/default/configmaps",
          "{\"metadata\":{\"name\":\"probe\"},\"data\":{\"a\":\"b\"}}");
    }
    long[] alone = quietGets(quiet, 1000);
    ExecutorService flood = Executors.newFixedThreadPool(64);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger throttled = new AtomicInteger();
    long until = System.currentTimeMillis() + 15_000;
    for (int c = 0; c < 64; c++) {
      flood.submit(
          () -> {
            while (System.currentTimeMillis() < until) {
              HttpResponse<String> r =
                  hub.getOnce("/clusters/root:" + noisy + "/api/v1/namespaces/default/configmaps");
              if (r.statusCode() == 429) {
                throttled.incrementAndGet();
                Thread.sleep(
                    Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")) * 1000);
              } else {
                ok.incrementAndGet();
              }
            }
            return null;
          });
    }
    Thread.sleep(2000);
    long[] underFlood = quietGets(quiet, 1000);
    flood.shutdown();
    flood.awaitTermination(30, TimeUnit.SECONDS);
    System.out.printf("fairness: quiet workspace alone %s%n", new Stats(alone).summary());
    System.out.printf(
        "fairness: quiet workspace while another floods with 64 clients (%d served, %d got 429) %s%n",
        ok.get(), throttled.get(), new Stats(underFlood).summary());
  }

  private long[] quietGets(String ws, int n) throws Exception {
    long[] samples = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      hub.get("/clusters/root:" + ws + "/api/v1/namespaces/default/configmaps/probe");
      samples[i] = System.nanoTime() - t0;
    }
    return samples;
  }
}
