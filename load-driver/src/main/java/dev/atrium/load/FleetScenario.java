package dev.atrium.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code fleet-N}: N simulated sync agents against one hub (docs/benchmarks.md, "Fleet"). Each
 * agent is a real HTTPS client of the syncer view: one {@code GET .../objects} list, one watch of
 * it held open ({@code allowWatchBookmarks=true}), and a heartbeat (merge patch of its SyncTarget's
 * status) every period with ±5 % jitter. All agents use the admin token (system:masters may use
 * every syncer view).
 *
 * <p>Phases: tenant latencies on the idle hub; register N SyncTargets (concurrently, in {@code
 * N/500} workspaces); connect the agents; a steady window in which hub CPU (/proc), heap and
 * watchers (/metrics), RSS, PostgreSQL writes (pg_stat_*) are sampled and the tenant latencies are
 * measured again; then heartbeat-loss detection: the heartbeats of a random sample of agents stop
 * at known times (each at a random offset within one period, as crashed agents would) and a
 * wildcard watch on SyncTargets records when HeartbeatHealthy turns False; the delay is reported
 * from the agent's stop (the failure) and from its last successful heartbeat.
 *
 * <p>System properties: {@code fleet.period} (heartbeat period, s, default 10), {@code
 * fleet.timeout} (the hub's heartbeat timeout, s, for the report only, default 40), {@code
 * fleet.steady} (s, default 40), {@code fleet.lost} (sample size, default 100), {@code
 * fleet.connectRate} (agents connecting per second, default 400), {@code fleet.clients} (JDK
 * HttpClients the agents are spread over, default 4), {@code fleet.hubPid}, {@code fleet.pgPort}
 * (for /proc and pg_stat_*).
 */
final class FleetScenario {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGETS_PATH = "/apis/workload.atrium.dev/v1alpha1/synctargets";
  private static final Pattern RV = Pattern.compile("\"resourceVersion\":\"(\\d+)\"");

  private final HubClient hub;
  private final String baseUrl;
  private final int n;
  private final long periodMs = Long.getLong("fleet.period", 10) * 1000;
  private final long timeoutS = Long.getLong("fleet.timeout", 40);
  private final long steadyMs = Long.getLong("fleet.steady", 40) * 1000;
  private final int lostSample = Integer.getInteger("fleet.lost", 100);
  private final int connectRate = Integer.getInteger("fleet.connectRate", 400);
  private final long hubPid = Long.getLong("fleet.hubPid", -1);
  private final int pgPort = Integer.getInteger("fleet.pgPort", -1);
  private final long pgPid = Long.getLong("fleet.pgPid", -1);
  private final String run = Long.toString(System.currentTimeMillis() % 100000, 36);
  private final List<HttpClient> clients = new ArrayList<>();
  private final ExecutorService io = Executors.newFixedThreadPool(4, daemon("fleet-io"));
  private final ScheduledExecutorService ticker =
      Executors.newScheduledThreadPool(2, daemon("fleet-beat"));
  private final Semaphore beatsInFlight = new Semaphore(512);
  private final List<Agent> agents = new ArrayList<>();

  private final AtomicLong beatsOk = new AtomicLong();
  private final AtomicLong beatsFailed = new AtomicLong();
  private final AtomicLong beatsSkipped = new AtomicLong();
  private final AtomicLong watchLines = new AtomicLong();
  private final AtomicInteger watchesOpen = new AtomicInteger();
  private final AtomicInteger watchesEnded = new AtomicInteger();
  private final List<Long> beatLatency = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean recordBeatLatency;

  FleetScenario(HubClient hub, String baseUrl, int n) throws Exception {
    this.hub = hub;
    this.baseUrl = baseUrl;
    this.n = n;
    int count = Integer.getInteger("fleet.clients", 4);
    for (int i = 0; i < count; i++) {
      clients.add(
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .sslContext(hub.sslContext())
              .executor(io)
              .connectTimeout(Duration.ofSeconds(20))
              .build());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger i = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + i.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One simulated agent. */
  private final class Agent {
    final int index;
    final String workspace;
    final String name;
    final String view;
    final HttpClient http;
    long listNanos;
    long watchNanos;
    volatile boolean stopped;
    volatile long stoppedAtMs;
    volatile long lastBeatSentMs;
    volatile long nextDue;
    volatile boolean healthy;

    Agent(int index, String workspace, String name) {
      this.index = index;
      this.workspace = workspace;
      this.name = name;
      this.view = "/services/syncer/" + workspace + "/" + name;
      this.http = clients.get(index % clients.size());
    }

    String id() {
      return workspace + "/" + name;
    }

    HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create(baseUrl + view + path))
          .header("Authorization", "Bearer " + hub.token());
    }

    /** List, then the watch from the list's resourceVersion; completes when the watch is open. */
    java.util.concurrent.CompletableFuture<Void> connect() {
      HttpRequest list = request("/objects").timeout(Duration.ofSeconds(60)).GET().build();
      long t0 = System.nanoTime();
      return http.sendAsync(list, HttpResponse.BodyHandlers.ofString())
          .thenCompose(
              r -> {
                long t1 = System.nanoTime();
                listNanos = t1 - t0;
                if (r.statusCode() != 200) {
                  throw new IllegalStateException(id() + ": list HTTP " + r.statusCode());
                }
                Matcher m = RV.matcher(r.body());
                if (!m.find()) {
                  throw new IllegalStateException(id() + ": no resourceVersion");
                }
                return watch(m.group(1)).thenRun(() -> watchNanos = System.nanoTime() - t1);
              });
    }

    private java.util.concurrent.CompletableFuture<Void> watch(String rv) {
      java.util.concurrent.CompletableFuture<Void> open =
          new java.util.concurrent.CompletableFuture<>();
      HttpRequest req =
          request(
                  "/objects?watch=true&allowWatchBookmarks=true&timeoutSeconds=7200"
                      + "&resourceVersion="
                      + rv)
              .GET()
              .build();
      http.sendAsync(
              req,
              info -> {
                if (info.statusCode() == 200) {
                  watchesOpen.incrementAndGet();
                  open.complete(null);
                } else {
                  open.completeExceptionally(
                      new IllegalStateException(id() + ": watch HTTP " + info.statusCode()));
                }
                return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
              })
          .whenComplete(
              (r, f) -> {
                if (open.isDone() && !open.isCompletedExceptionally()) {
                  watchesOpen.decrementAndGet();
                  watchesEnded.incrementAndGet();
                }
                if (f != null) {
                  open.completeExceptionally(f);
                }
              });
      return open;
    }

    void startBeating() {
      nextDue = System.currentTimeMillis() + ThreadLocalRandom.current().nextLong(periodMs);
      schedule();
    }

    private void schedule() {
      long delay = Math.max(0, nextDue - System.currentTimeMillis());
      ticker.schedule(this::beat, delay, TimeUnit.MILLISECONDS);
    }

    private void beat() {
      if (stopped) {
        return;
      }
      long jitter = (long) (periodMs * 0.05);
      nextDue += periodMs + ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
      schedule();
      if (!beatsInFlight.tryAcquire()) {
        beatsSkipped.incrementAndGet();
        return;
      }
      long sentMs = System.currentTimeMillis();
      long t0 = System.nanoTime();
      String body =
          "{\"status\":{\"lastHeartbeatTime\":\""
              + Instant.ofEpochMilli(sentMs).truncatedTo(ChronoUnit.SECONDS)
              + "\",\"agentVersion\":\"fleet-sim/1\",\"syncedResources\":[]}}";
      HttpRequest req =
          request("/clusters/" + workspace + TARGETS_PATH + "/" + name + "/status")
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/merge-patch+json")
              .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
              .build();
      http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (r, f) -> {
                beatsInFlight.release();
                if (f == null && r.statusCode() == 200) {
                  beatsOk.incrementAndGet();
                  lastBeatSentMs = Math.max(lastBeatSentMs, sentMs);
                  healthy = true;
                  if (recordBeatLatency) {
                    beatLatency.add(System.nanoTime() - t0);
                  }
                } else {
                  beatsFailed.incrementAndGet();
                }
              });
    }
  }

  /** Counts the watch's lines (events and bookmarks); the agent does nothing else with them. */
  private final class Lines implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      watchLines.incrementAndGet();
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onComplete() {}
  }

  void run() throws Exception {
    System.out.printf(
        "fleet: N=%d, heartbeat period %d s (hub timeout %d s), %d HttpClients%n",
        n, periodMs / 1000, timeoutS, clients.size());
    WorkspaceScenarios tenant = new WorkspaceScenarios(hub);
    // Warm-up (the hub's JIT), then the idle figures.
    tenant.latency(100, "warmup");
    tenant.getLatency("warm-up");
    Stats idleReady = tenant.latency(100, "idle");
    Stats idleGet = tenant.getLatency("idle hub");
    Sample idle = sample();
    Thread.sleep(10_000);
    Sample idleEnd = sample();
    report("idle hub (10 s)", idle, idleEnd);

    Sample r0 = sample();
    register();
    Sample r1 = sample();
    report("registration", r0, r1);
    connect();
    report("connection", r1, sample());
    long settle = periodMs + 5_000;
    System.out.printf("fleet: settling %d s (every agent's first heartbeat)%n", settle / 1000);
    Thread.sleep(settle);
    long unhealthy = agents.stream().filter(a -> !a.healthy).count();
    System.out.printf("fleet: %d agents without a successful heartbeat yet%n", unhealthy);

    recordBeatLatency = true;
    long beatsOk0 = beatsOk.get();
    long lines0 = watchLines.get();
    long skipped0 = beatsSkipped.get();
    var histogram0 = beatHistogram();
    Sample start = sample();
    long t0 = System.currentTimeMillis();
    List<Long> heapSamples = new ArrayList<>();
    List<Integer> watcherSamples = new ArrayList<>();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Map<String, Double> m = metrics();
                  heapSamples.add(m.getOrDefault("heap", 0.0).longValue());
                  watcherSamples.add(m.getOrDefault("watchers", 0.0).intValue());
                  Thread.sleep(5_000);
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  System.out.println("fleet: metrics sample failed: " + e);
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    Thread.sleep(steadyMs);
    sampler.interrupt();
    Sample end = sample();
    var histogram1 = beatHistogram();
    double secs = (System.currentTimeMillis() - t0) / 1000.0;
    recordBeatLatency = false;
    System.out.printf(
        "fleet steady (%.0f s): heartbeats %.0f/s ok (failed %d in total, skipped %d in total, %d"
            + " in the window), watch lines %.0f/s, agent watches open %d (ended %d)%n",
        secs,
        (beatsOk.get() - beatsOk0) / secs,
        beatsFailed.get(),
        beatsSkipped.get(),
        beatsSkipped.get() - skipped0,
        (watchLines.get() - lines0) / secs,
        watchesOpen.get(),
        watchesEnded.get());
    report("fleet steady", start, end);
    System.out.printf(
        "fleet: hub heap (metrics, every 5 s) mean %.0f MiB max %.0f MiB; registered watchers"
            + " min %d max %d%n",
        heapSamples.stream().mapToLong(Long::longValue).average().orElse(0) / 1048576,
        heapSamples.stream().mapToLong(Long::longValue).max().orElse(0) / 1048576.0,
        watcherSamples.stream().mapToInt(Integer::intValue).min().orElse(0),
        watcherSamples.stream().mapToInt(Integer::intValue).max().orElse(0));
    System.out.println("fleet: hub heap after GC: " + heapAfterGc());
    // The tenant's latencies while the fleet runs (its writes are not in the figures above).
    Sample tenantStart = sample();
    Stats fleetReady = tenant.latency(100, "fleet");
    Stats fleetGet = tenant.getLatency("fleet");
    report("fleet + tenant probes", tenantStart, sample());
    System.out.printf(
        "fleet: heartbeat latency (driver) %s; in the hub (its histogram) %s%n",
        new Stats(beatLatency.stream().mapToLong(Long::longValue).toArray()).summary(),
        beatQuantiles(histogram0, histogram1));
    System.out.printf(
        "fleet tenant: create->Ready idle p50 %.2f p99 %.2f ms | fleet p50 %.2f p99 %.2f ms"
            + " (p99 x%.2f)%n",
        idleReady.percentileMillis(50),
        idleReady.percentileMillis(99),
        fleetReady.percentileMillis(50),
        fleetReady.percentileMillis(99),
        fleetReady.percentileMillis(99) / idleReady.percentileMillis(99));
    System.out.printf(
        "fleet tenant: get idle p50 %.2f p99 %.2f ms | fleet p50 %.2f p99 %.2f ms (p99 x%.2f)%n",
        idleGet.percentileMillis(50),
        idleGet.percentileMillis(99),
        fleetGet.percentileMillis(50),
        fleetGet.percentileMillis(99),
        fleetGet.percentileMillis(99) / idleGet.percentileMillis(99));
    detection();
  }

  // --- registration and connection ---------------------------------------------------------

  private void register() throws Exception {
    int spaces = Math.max(1, n / 500);
    List<String> workspaces = new ArrayList<>();
    for (int i = 0; i < spaces; i++) {
      String name = "fleet" + run + "-" + i;
      int code =
          hub.send(
              "POST",
              "/clusters/root/apis/tenancy.atrium.dev/v1alpha1/workspaces",
              "{\"apiVersion\":\"tenancy.atrium.dev/v1alpha1\",\"kind\":\"Workspace\","
                  + "\"metadata\":{\"name\":\""
                  + name
                  + "\"},\"spec\":{\"type\":\"universal\"}}");
      if (code != 201) {
        throw new IllegalStateException("workspace " + name + ": HTTP " + code);
      }
      workspaces.add("root:" + name);
    }
    for (String ws : workspaces) {
      while (!JSON.readTree(
              hub.get(
                      "/clusters/root/apis/tenancy.atrium.dev/v1alpha1/workspaces/"
                          + ws.substring(5))
                  .body())
          .path("status")
          .path("phase")
          .asText()
          .equals("Ready")) {
        Thread.sleep(50);
      }
    }
    for (int i = 0; i < n; i++) {
      agents.add(new Agent(i, workspaces.get(i % spaces), "pc-" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    long t0 = System.nanoTime();
    long[] latency = new long[n];
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (Agent a : agents) {
      futures.add(
          pool.submit(
              () -> {
                long s = System.nanoTime();
                int code =
                    hub.send(
                        "POST",
                        "/clusters/" + a.workspace + TARGETS_PATH,
                        "{\"apiVersion\":\"workload.atrium.dev/v1alpha1\",\"kind\":\"SyncTarget\","
                            + "\"metadata\":{\"name\":\""
                            + a.name
                            + "\",\"labels\":{\"zone\":\"z"
                            + (a.index % 10)
                            + "\"}},\"spec\":{}}");
                if (code != 201) {
                  throw new IllegalStateException(a.id() + ": create HTTP " + code);
                }
                latency[a.index] = System.nanoTime() - s;
                return null;
              }));
    }
    for (var f : futures) {
      f.get();
    }
    pool.shutdown();
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "fleet: registered %d SyncTargets in %d workspaces in %.1f s = %.0f/s; create %s%n",
        n, spaces, secs, n / secs, new Stats(latency).summary());
  }

  private void connect() throws Exception {
    long t0 = System.nanoTime();
    long interval = 1_000_000_000L / connectRate;
    Semaphore inFlight = new Semaphore(64);
    CountDownLatch done = new CountDownLatch(n);
    AtomicInteger failed = new AtomicInteger();
    for (Agent a : agents) {
      long wait = t0 + a.index * interval - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      inFlight.acquire();
      a.connect()
          .whenComplete(
              (v, f) -> {
                inFlight.release();
                if (f != null) {
                  if (failed.incrementAndGet() <= 5) {
                    System.out.println("fleet: connect failed: " + f);
                  }
                } else {
                  a.startBeating();
                }
                done.countDown();
              });
    }
    done.await();
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "fleet: %d agents connected (list + watch) in %.1f s = %.0f/s, %d failed; watches open"
            + " %d%n",
        n - failed.get(), secs, (n - failed.get()) / secs, failed.get(), watchesOpen.get());
    System.out.printf(
        "fleet: connect: list %s; watch open %s%n",
        new Stats(agents.stream().mapToLong(a -> a.listNanos).toArray()).summary(),
        new Stats(agents.stream().mapToLong(a -> a.watchNanos).toArray()).summary());
  }

  // --- heartbeat-loss detection --------------------------------------------------------------

  private void detection() throws Exception {
    List<Agent> healthy = new ArrayList<>(agents.stream().filter(a -> a.healthy).toList());
    Collections.shuffle(healthy);
    List<Agent> sample = healthy.subList(0, Math.min(lostSample, healthy.size()));
    Map<String, Agent> byId = new ConcurrentHashMap<>();
    sample.forEach(a -> byId.put(a.id(), a));
    Map<String, Long> detected = new ConcurrentHashMap<>();
    String rv =
        JSON.readTree(hub.get("/clusters/*" + TARGETS_PATH + "?limit=1").body())
            .path("metadata")
            .path("resourceVersion")
            .asText();
    Thread watcher =
        new Thread(
            () -> {
              try {
                HttpResponse<Stream<String>> r =
                    hub.stream(
                        "/clusters/*"
                            + TARGETS_PATH
                            + "?watch=true&timeoutSeconds=1800&resourceVersion="
                            + rv);
                Iterator<String> lines = r.body().iterator();
                while (lines.hasNext()) {
                  String line = lines.next();
                  long now = System.currentTimeMillis();
                  if (!line.contains("HeartbeatLost")) {
                    continue;
                  }
                  JsonNode o = JSON.readTree(line).path("object");
                  String id =
                      o.path("metadata").path("annotations").path("atrium.dev/path").asText()
                          + "/"
                          + o.path("metadata").path("name").asText();
                  if (byId.containsKey(id) && lostNow(o)) {
                    detected.putIfAbsent(id, now);
                  }
                }
              } catch (Exception e) {
                System.out.println("fleet: SyncTarget watch ended: " + e);
              }
            });
    watcher.setDaemon(true);
    watcher.start();
    Thread.sleep(1000);
    stopAtRandomOffsets(sample);
    long deadline = System.currentTimeMillis() + (timeoutS + 30) * 1000;
    while (detected.size() < sample.size() && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    reportDetection("agent stopped (the failure)", sample, detected, a -> a.stoppedAtMs);
    reportDetection("last heartbeat sent", sample, detected, a -> a.lastBeatSentMs);
  }

  /** Stops each agent's heartbeats at a random offset within one period from now. */
  private void stopAtRandomOffsets(List<Agent> sample) throws InterruptedException {
    long t0 = System.currentTimeMillis();
    Map<Agent, Long> at = new java.util.HashMap<>();
    sample.forEach(a -> at.put(a, t0 + ThreadLocalRandom.current().nextLong(periodMs)));
    List<Agent> order = new ArrayList<>(sample);
    order.sort(java.util.Comparator.comparing(at::get));
    for (Agent a : order) {
      long wait = at.get(a) - System.currentTimeMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
      a.stoppedAtMs = System.currentTimeMillis();
      a.stopped = true;
    }
  }

  private void reportDetection(
      String from,
      List<Agent> sample,
      Map<String, Long> detected,
      java.util.function.ToLongFunction<Agent> since) {
    List<Long> delays = new ArrayList<>();
    for (Agent a : sample) {
      Long at = detected.get(a.id());
      if (at != null) {
        delays.add((at - since.applyAsLong(a)) * 1_000_000L);
      }
    }
    Stats s = new Stats(delays.stream().mapToLong(Long::longValue).toArray());
    System.out.printf(
        "fleet: heartbeat-loss detection (%s -> HeartbeatHealthy=False seen),"
            + " %d of %d detected: p50 %.2f s p99 %.2f s max %.2f s (hub timeout %d s, period %d s)%n",
        from,
        delays.size(),
        sample.size(),
        s.percentileMillis(50) / 1000,
        s.percentileMillis(99) / 1000,
        s.percentileMillis(100) / 1000,
        timeoutS,
        periodMs / 1000);
  }

  private static boolean lostNow(JsonNode target) {
    for (JsonNode c : target.path("status").path("conditions")) {
      if (c.path("type").asText().equals("HeartbeatHealthy")) {
        return c.path("status").asText().equals("False");
      }
    }
    return false;
  }

  // --- hub and PostgreSQL figures ----------------------------------------------------------

  /** Counters at one moment: hub and PostgreSQL CPU ticks, RSS, pg_stat_* counters. */
  private record Sample(
      long atMs, long hubTicks, long pgTicks, long driverTicks, long rssKb, long[] pg) {}

  private Sample sample() {
    return new Sample(
        System.currentTimeMillis(),
        hubPid > 0 ? ticks(hubPid) : 0,
        pgTicks(),
        ticks(ProcessHandle.current().pid()),
        hubPid > 0 ? rssKb(hubPid) : 0,
        pgCounters());
  }

  private void report(String label, Sample a, Sample b) {
    double secs = (b.atMs - a.atMs) / 1000.0;
    long[] d = new long[a.pg.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = b.pg[i] - a.pg[i];
    }
    System.out.printf(
        "%s: hub CPU %.0f %% of a core, PostgreSQL CPU %.0f %%, driver CPU %.0f %%, hub RSS %d MiB;"
            + " PostgreSQL per s: %.0f commits, %.0f rows inserted, %.0f updated, %.0f deleted,"
            + " %.0f WAL records, %.0f kB WAL; change-log rows %.1f/s, heartbeat-table writes"
            + " %.0f/s%n",
        label,
        (b.hubTicks - a.hubTicks) / secs,
        (b.pgTicks - a.pgTicks) / secs,
        (b.driverTicks - a.driverTicks) / secs,
        b.rssKb / 1024,
        d[0] / secs,
        d[1] / secs,
        d[2] / secs,
        d[3] / secs,
        d[4] / secs,
        d[5] / secs / 1024,
        d[6] / secs,
        d[7] / secs);
  }

  /** utime + stime of a process in clock ticks (100 per second on Linux). */
  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException e) {
      // gone
    }
    return 0;
  }

  /** CPU of the hub's PostgreSQL: the postmaster and its children (the backends). */
  private long pgTicks() {
    if (pgPid <= 0) {
      return 0;
    }
    long total = ticks(pgPid);
    for (ProcessHandle child :
        ProcessHandle.of(pgPid).map(p -> p.children().toList()).orElse(List.of())) {
      total += ticks(child.pid());
    }
    return total;
  }

  private static final String PG_QUERY =
      "SELECT d.xact_commit, d.tup_inserted, d.tup_updated, d.tup_deleted, w.wal_records,"
          + " w.wal_bytes,"
          + " (SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables"
          + "  WHERE relname = 'atrium_changes'),"
          + " (SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0) FROM pg_stat_user_tables"
          + "  WHERE relname = 'atrium_heartbeats')"
          + " FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = 'atrium'";

  private long[] pgCounters() {
    long[] out = new long[8];
    if (pgPort <= 0) {
      return out;
    }
    try {
      // Counters reach pg_stat_* when a backend reports (at most once a second).
      Process p =
          new ProcessBuilder(
                  "psql",
                  "-h",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(pgPort),
                  "-U",
                  "postgres",
                  "-d",
                  "atrium",
                  "-Atc",
                  PG_QUERY)
              .redirectErrorStream(true)
              .start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      String[] cols = text.split("\\|");
      for (int i = 0; i < out.length && i < cols.length; i++) {
        out[i] = Long.parseLong(cols[i].trim());
      }
    } catch (Exception e) {
      System.out.println("fleet: pg_stat sample failed: " + e);
    }
    return out;
  }

  /** The hub's heap in use (all heap pools) and its registered watchers, from /metrics. */
  private Map<String, Double> metrics() throws Exception {
    String text = hub.getText("/metrics");
    double heap = 0;
    double watchers = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
        heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      } else if (line.startsWith("apiserver_registered_watchers")) {
        watchers += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Map.of("heap", heap, "watchers", watchers);
  }

  /**
   * The hub's own latency of heartbeat requests (PATCH synctargets/status through the view), as
   * cumulative bucket counts of {@code apiserver_request_duration_seconds} by upper bound.
   */
  private java.util.TreeMap<Double, Double> beatHistogram() {
    java.util.TreeMap<Double, Double> out = new java.util.TreeMap<>();
    try {
      for (String line : hub.getText("/metrics").split("\n")) {
        if (line.startsWith("apiserver_request_duration_seconds_bucket{")
            && line.contains("resource=\"synctargets\"")
            && line.contains("subresource=\"status\"")
            && line.contains("verb=\"PATCH\"")) {
          int le = line.indexOf("le=\"") + 4;
          String bound = line.substring(le, line.indexOf('"', le));
          double upper =
              bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
          out.merge(
              upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
        }
      }
    } catch (Exception e) {
      System.out.println("fleet: metrics failed: " + e);
    }
    return out;
  }

  /** p50/p99 upper bounds of the hub-side heartbeat latency between two histogram snapshots. */
  private static String beatQuantiles(
      java.util.TreeMap<Double, Double> a, java.util.TreeMap<Double, Double> b) {
    double total =
        b.getOrDefault(Double.POSITIVE_INFINITY, 0.0)
            - a.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    StringBuilder out = new StringBuilder(String.format("n=%.0f", total));
    for (double q : new double[] {0.5, 0.9, 0.99}) {
      for (var e : b.entrySet()) {
        double count = e.getValue() - a.getOrDefault(e.getKey(), 0.0);
        if (count >= q * total) {
          out.append(String.format(" p%.0f<=%.1fms", q * 100, e.getKey() * 1000));
          break;
        }
      }
    }
    return out.toString();
  }

  private String heapAfterGc() {
    if (hubPid <= 0) {
      return "(no hub pid)";
    }
    try {
      jcmd("GC.run");
      Thread.sleep(500);
      for (String line : jcmd("GC.heap_info").split("\n")) {
        if (line.contains("used")) {
          return line.trim();
        }
      }
    } catch (Exception e) {
      return "(" + e + ")";
    }
    return "?";
  }

  private String jcmd(String command) throws Exception {
    Process p =
        new ProcessBuilder("jcmd", Long.toString(hubPid), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
