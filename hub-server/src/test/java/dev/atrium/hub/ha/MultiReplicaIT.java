package dev.atrium.hub.ha;

import static dev.atrium.hub.ha.HaSupport.CONFIGMAPS;
import static dev.atrium.hub.ha.HaSupport.WORKSPACES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.atrium.hub.ha.HaSupport.Event;
import dev.atrium.hub.ha.HaSupport.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three hub replicas (processes of the built jar) on one external PostgreSQL 15 that the test
 * starts: cross-replica watch delivery (complete, in order, p99 ≤ 50 ms), one controller leader,
 * hand-over after {@code kill -9} of the leader in ≤ 15 s, a killed replica's watches resumed on
 * another from their resourceVersion with nothing lost, graceful shutdown with a clean close.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.extension.ExtendWith(HaSupport.FailureWatcher.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiReplicaIT {

  private Path root;
  private PgServer pg;
  private Api api;
  private final List<HubProcess> hubs = new ArrayList<>();
  private boolean passed;

  @BeforeAll
  void start() throws Exception {
    root = HaSupport.tempRoot("atrium-ha-replicas");
    pg = PgServer.primary(root.resolve("pg").resolve("primary"), 15470);
    Path shared = root.resolve("shared");
    String token = HubProcess.prepareShared(shared);
    api = new Api(shared.resolve("ca.crt"), token);
    for (int i = 0; i < 3; i++) {
      HubProcess hub = new HubProcess("hub-" + (char) ('a' + i), root, shared, 16470 + i, pg.url());
      hubs.add(hub);
    }
    // The first replica creates the schema (Flyway); the others start on it.
    hubs.get(0).start();
    HaSupport.awaitReady(api, hubs.subList(0, 1), 180);
    hubs.get(1).start();
    hubs.get(2).start();
    HaSupport.awaitReady(api, hubs, 180);
  }

  @AfterAll
  void stop() {
    hubs.forEach(HubProcess::stopQuietly);
    if (pg != null) {
      pg.stopQuietly();
    }
    if (passed && !HaSupport.FailureWatcher.failed(getClass())) {
      HaSupport.deleteTree(root);
    } else {
      System.out.println("HA test files (hub logs, PostgreSQL) kept in " + root);
    }
  }

  private List<HubProcess> alive() {
    return hubs.stream().filter(HubProcess::alive).toList();
  }

  /** Exactly one of {@code candidates} leads, within {@code seconds}; returns it. */
  private HubProcess awaitOneLeader(List<HubProcess> candidates, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      List<HubProcess> leaders = candidates.stream().filter(api::leader).toList();
      if (leaders.size() == 1) {
        return leaders.get(0);
      }
      if (System.nanoTime() > deadline) {
        fail("leaders among " + candidates + ": " + leaders);
      }
      Thread.sleep(50);
    }
  }

  @Test
  @Order(1)
  void controllersRunOnOneReplicaOnly() throws Exception {
    HubProcess leader = awaitOneLeader(hubs, 30);
    // A workspace created through a follower is initialized once, by the leader.
    HubProcess follower = hubs.stream().filter(h -> h != leader).findFirst().orElseThrow();
    assertEquals(201, api.post(follower, WORKSPACES, HaSupport.workspace("once")).code());
    awaitWorkspaceReady(follower, "once", 30);
    for (HubProcess hub : hubs) {
      boolean leads = hub == leader;
      assertEquals(leads, api.leader(hub), hub + " leadership");
    }
    assertTrue(leader.logText().contains("is now the controller leader"), "leader log line");
  }

  @Test
  @Order(2)
  void writesThroughOneReplicaReachWatchesOnAnotherCompleteAndInOrder() throws Exception {
    HubProcess a = hubs.get(0);
    HubProcess b = hubs.get(1);
    HubProcess c = hubs.get(2);
    long from = HaSupport.listRevision(api, b);
    List<Event> events = new ArrayList<>();
    try (Api.Watch watch = api.watch(b, CONFIGMAPS + "?watch=1&resourceVersion=" + from)) {
      // Warm-up: the write, feed and watch paths of all three replicas run (and are compiled)
      // before the measured writes.
      Writer warmA = new Writer(api, a, "warm-a", 2, 150);
      Writer warmC = new Writer(api, c, "warm-c", 2, 150);
      warmA.start();
      warmC.start();
      warmA.join();
      warmC.join();
      List<Event> warm = new ArrayList<>();
      HaSupport.collect(watch, warm, 30, () -> warm.size() >= 300);
      assertEquals(300, warm.size(), "warm-up events");
      // 200 writes through each of A and C; load-driver/ha-bench.sh asks for more
      int writes = Integer.getInteger("atrium.ha.delivery-writes", 200);
      Writer viaA = new Writer(api, a, "d-a", 5, writes);
      Writer viaC = new Writer(api, c, "d-c", 5, writes);
      viaA.start();
      viaC.start();
      viaA.join();
      viaC.join();
      int expected = viaA.acknowledged.size() + viaC.acknowledged.size();
      assertEquals(2 * writes, expected, "writes acknowledged: " + viaA.failures + viaC.failures);
      HaSupport.collect(watch, events, 30, () -> events.size() >= expected);
      HaSupport.assertOrderedWithoutDuplicates(events);
      Map<String, Long> acks = new HashMap<>(viaA.ackNanos);
      acks.putAll(viaC.ackNanos);
      Map<String, Long> revisions = new HashMap<>(viaA.acknowledged);
      revisions.putAll(viaC.acknowledged);
      List<Double> latencies = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Event e : events) {
        seen.add(e.name());
        assertEquals(revisions.get(e.name()), e.revision(), e.name() + " revision");
        latencies.add(Math.max(0, e.nanos() - acks.get(e.name())) / 1e6);
      }
      assertEquals(revisions.keySet(), seen, "every acknowledged write seen on the other replica");
      latencies.sort(Double::compare);
      double p50 = HaSupport.percentile(latencies, 50);
      double p99 = HaSupport.percentile(latencies, 99);
      double max = latencies.get(latencies.size() - 1);
      HaSupport.measured(
          String.format(
              "cross-replica watch delivery (write acknowledged on A or C -> event on B):"
                  + " n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms",
              latencies.size(), p50, p99, max));
      // The bound is 50 ms (-Datrium.ha.delivery-p99-ms). On a machine with more runnable
      // processes than 3 x its cores the tail measures CPU waits, not the hub: the bound is then
      // reported as not checked, loudly. Completeness and order are checked in every case.
      double limit = Double.parseDouble(System.getProperty("atrium.ha.delivery-p99-ms", "50"));
      double load = loadAverage();
      int cores = Runtime.getRuntime().availableProcessors();
      if (load > 3.0 * cores) {
        HaSupport.measured(
            String.format(
                "WARNING machine oversubscribed (load %.1f on %d cores): p99 %.1f ms NOT checked"
                    + " against the %.0f ms bound",
                load, cores, p99, limit));
        return;
      }
      assertTrue(p99 <= limit, "p99 delivery " + p99 + " ms > " + limit + " ms");
    }
  }

  @Test
  @Order(3)
  void killingAReplicaWithOpenWatchesLosesNoAcknowledgedWriteAndNoEvent() throws Exception {
    HubProcess a = hubs.get(0);
    HubProcess b = hubs.get(1);
    HubProcess c = hubs.get(2);
    long from = HaSupport.listRevision(api, b);
    List<Event> events = new ArrayList<>();
    Writer viaA = new Writer(api, a, "k-a", 5, 100_000);
    Writer viaB = new Writer(api, b, "k-b", 5, 100_000);
    long killed;
    try (Api.Watch watch = api.watch(b, CONFIGMAPS + "?watch=1&resourceVersion=" + from)) {
      viaA.start();
      viaB.start();
      HaSupport.collect(watch, events, 2, () -> false);
      b.kill();
      killed = System.nanoTime();
      boolean clean = HaSupport.collect(watch, events, 10, () -> false);
      System.out.println("watch on the killed replica ended " + (clean ? "cleanly" : "broken"));
    }
    // the client watches again on another replica from the last resourceVersion it saw, while
    // the writes through the surviving replica go on
    int before = events.size();
    long last = events.isEmpty() ? from : events.get(events.size() - 1).revision();
    try (Api.Watch resumed = api.watch(c, CONFIGMAPS + "?watch=1&resourceVersion=" + last)) {
      HaSupport.collect(resumed, events, 10, () -> events.size() > before);
      long firstAfter = events.size() > before ? events.get(before).nanos() : System.nanoTime();
      Thread.sleep(1000);
      viaA.finish();
      viaB.finish();
      Map<String, Long> acknowledged = new HashMap<>(viaA.acknowledged);
      acknowledged.putAll(viaB.acknowledged);
      HaSupport.collect(
          resumed,
          events,
          30,
          () ->
              events.stream()
                  .map(Event::name)
                  .collect(java.util.stream.Collectors.toSet())
                  .containsAll(acknowledged.keySet()));
      HaSupport.measured(
          String.format(
              "replica killed (kill -9) with an open watch: %d events before; the watch resumed"
                  + " on another replica delivered its first event %.0f ms after the kill;"
                  + " %d acknowledged writes (all checked below)",
              before, (firstAfter - killed) / 1e6, acknowledged.size()));
    }
    Map<String, Long> acknowledged = new HashMap<>(viaA.acknowledged);
    acknowledged.putAll(viaB.acknowledged);
    HaSupport.assertOrderedWithoutDuplicates(events);
    Set<String> seen = new HashSet<>();
    events.forEach(e -> seen.add(e.name()));
    for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
      assertTrue(seen.contains(ack.getKey()), "acknowledged " + ack + " missing from the watch");
      Api.Resp r = api.get(c, CONFIGMAPS + "/" + ack.getKey());
      assertEquals(200, r.code(), "acknowledged " + ack.getKey() + " lost: " + r.body());
    }
    assertTrue(viaB.acknowledged.size() > 0 && viaA.acknowledged.size() > 0);
    System.out.println(
        "acknowledged: "
            + acknowledged.size()
            + ", failed (killed replica): "
            + viaB.failures.size());
  }

  @Test
  @Order(4)
  void leaderKilledWithSigkillHandsOverWithin15Seconds() throws Exception {
    List<HubProcess> candidates = alive();
    HubProcess leader = awaitOneLeader(candidates, 30);
    HubProcess survivor = candidates.stream().filter(h -> h != leader).findFirst().orElseThrow();
    leader.kill();
    long killed = System.nanoTime();
    // A workspace created right after the kill is initialized by the new leader.
    Api.Resp created = api.post(survivor, WORKSPACES, HaSupport.workspace("handover"));
    assertEquals(201, created.code(), created.body());
    long ready = awaitWorkspaceReady(survivor, "handover", 30);
    List<HubProcess> rest = alive();
    HubProcess next = awaitOneLeader(rest, 30);
    long elected = System.nanoTime();
    double readySeconds = (ready - killed) / 1e9;
    HaSupport.measured(
        String.format(
            "leader hand-over after kill -9: new workspace Ready %.2f s after the kill (new"
                + " leader %s seen in /metrics by %.2f s)",
            readySeconds, next, (elected - killed) / 1e9));
    assertTrue(readySeconds <= 15, "hand-over took " + readySeconds + " s");
  }

  @Test
  @Order(5)
  void gracefulShutdownEndsWatchesWithACleanClose() throws Exception {
    HubProcess survivor = alive().get(0);
    HubProcess restarted = hubs.stream().filter(h -> !h.alive()).findFirst().orElseThrow();
    restarted.start();
    HaSupport.awaitReady(api, List.of(restarted), 180);
    long from = HaSupport.listRevision(api, survivor);
    List<Event> events = new ArrayList<>();
    boolean clean;
    try (Api.Watch watch = api.watch(survivor, CONFIGMAPS + "?watch=1&resourceVersion=" + from)) {
      assertEquals(201, api.post(restarted, CONFIGMAPS, HaSupport.configMap("g-1")).code());
      HaSupport.collect(watch, events, 10, () -> events.size() >= 1);
      Thread stopper =
          new Thread(
              () -> {
                try {
                  survivor.terminate();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      long term = System.nanoTime();
      stopper.start();
      clean = HaSupport.collect(watch, events, 20, () -> false);
      HaSupport.measured(
          String.format(
              "graceful shutdown: watch closed %s %.0f ms after SIGTERM",
              clean ? "cleanly" : "BROKEN", (System.nanoTime() - term) / 1e6));
      stopper.join(60_000);
    }
    assertTrue(clean, "the watch ended with a broken connection, not a clean close");
    assertTrue(
        survivor.logText().contains("closed 1 watches for shutdown")
            || survivor.logText().contains("watches for shutdown"),
        "shutdown log");
    long last = events.get(events.size() - 1).revision();
    assertEquals(201, api.post(restarted, CONFIGMAPS, HaSupport.configMap("g-2")).code());
    try (Api.Watch resumed =
        api.watch(restarted, CONFIGMAPS + "?watch=1&resourceVersion=" + last)) {
      HaSupport.collect(
          resumed, events, 20, () -> events.stream().anyMatch(e -> e.name().equals("g-2")));
    }
    assertEquals(List.of("g-1", "g-2"), events.stream().map(Event::name).toList());
    passed = true;
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      return 0;
    }
  }

  /** Polls the workspace until Ready; returns the time it was seen Ready. */
  private long awaitWorkspaceReady(HubProcess hub, String name, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      Api.Resp r = api.get(hub, WORKSPACES + "/" + name);
      if (r.code() == 200 && r.json().path("status").path("phase").asText().equals("Ready")) {
        return System.nanoTime();
      }
      Thread.sleep(50);
    }
    fail("workspace " + name + " not Ready after " + seconds + " s");
    return 0;
  }
}
