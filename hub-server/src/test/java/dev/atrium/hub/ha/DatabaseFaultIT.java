package dev.atrium.hub.ha;

import static dev.atrium.hub.ha.HaSupport.CONFIGMAPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.atrium.hub.ha.HaSupport.Event;
import dev.atrium.hub.ha.HaSupport.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A hub on an external PostgreSQL 15 primary with a synchronous streaming standby (pg_basebackup
 * -R), the hub given both as a multi-host URL. A PostgreSQL restart, then a fail-over (primary
 * stopped as by a crash, standby promoted): while the database is away requests answer 503 with
 * Retry-After at once, nothing acknowledged is lost, the open watch goes on (or resumes from its
 * resourceVersion) with every acknowledged write; the time to recover is measured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.extension.ExtendWith(HaSupport.FailureWatcher.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultIT {

  /** A request while the database is away must answer within this (no hanging). */
  private static final double FAIL_FAST_SECONDS = 5;

  private Path root;
  private PgServer primary;
  private PgServer standby;
  private Api api;
  private HubProcess hub;
  private boolean passed;

  @BeforeAll
  void start() throws Exception {
    root = HaSupport.tempRoot("atrium-ha-db");
    primary = PgServer.primary(root.resolve("pg").resolve("primary"), 15471);
    standby = primary.standby(root.resolve("pg").resolve("standby"), 15472);
    primary.synchronousStandby();
    Path shared = root.resolve("shared");
    String token = HubProcess.prepareShared(shared);
    api = new Api(shared.resolve("ca.crt"), token);
    String url =
        "postgresql://127.0.0.1:"
            + primary.port
            + ",127.0.0.1:"
            + standby.port
            + "/"
            + PgServer.DATABASE;
    hub = new HubProcess("hub-db", root, shared, 16475, url);
    hub.start();
    HaSupport.awaitReady(api, List.of(hub), 180);
  }

  @AfterAll
  void stop() {
    if (hub != null) {
      hub.stopQuietly();
    }
    for (PgServer server : new PgServer[] {primary, standby}) {
      if (server != null) {
        server.stopQuietly();
      }
    }
    if (passed && !HaSupport.FailureWatcher.failed(getClass())) {
      HaSupport.deleteTree(root);
    } else {
      System.out.println("HA test files (hub log, PostgreSQL) kept in " + root);
    }
  }

  @Test
  @Order(1)
  void postgresRestartIsSurvived() throws Exception {
    survive(
        "PostgreSQL restart (pg_ctl stop -m immediate, 2 s down, start)",
        () -> {
          primary.stop("immediate");
          Thread.sleep(2000);
          primary.start();
        });
  }

  @Test
  @Order(2)
  void failOverToAPromotedStandbyIsSurvived() throws Exception {
    survive(
        "fail-over (primary stopped -m immediate, standby promoted)",
        () -> {
          primary.stop("immediate");
          standby.promote();
        });
    // the data is on the promoted standby
    assertEquals("f", standby.sql(PgServer.DATABASE, "SELECT pg_is_in_recovery()"));
    passed = true;
  }

  interface Fault {
    void run() throws Exception;
  }

  private void survive(String what, Fault fault) throws Exception {
    long from = HaSupport.listRevision(api, hub);
    List<Event> events = new ArrayList<>();
    Writer writer = new Writer(api, hub, "f" + System.nanoTime() % 100000, 10, 1_000_000);
    Api.Watch watch = api.watch(hub, CONFIGMAPS + "?watch=1&resourceVersion=" + from);
    writer.start();
    HaSupport.collect(watch, events, 1, () -> false);
    long faultAt = System.nanoTime();
    fault.run();
    long backAt = System.nanoTime();
    // writes go on until they succeed again, then a little longer
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (writer.firstFailureNanos == 0 || writer.firstSuccessAfterFailureNanos == 0) {
      if (System.nanoTime() > deadline) {
        fail("writes did not recover: " + lastFailures(writer));
      }
      Thread.sleep(20);
    }
    Thread.sleep(1000);
    writer.finish();
    Map<String, Long> acknowledged = writer.acknowledged;
    // the watch: still open, or resumed from its last resourceVersion
    int resumes = 0;
    long waitUntil = System.nanoTime() + 30_000_000_000L;
    while (!names(events).containsAll(acknowledged.keySet()) && System.nanoTime() < waitUntil) {
      boolean open =
          HaSupport.collect(
              watch, events, 30, () -> names(events).containsAll(acknowledged.keySet()));
      if (names(events).containsAll(acknowledged.keySet())) {
        break;
      }
      watch.close();
      long last = events.isEmpty() ? from : events.get(events.size() - 1).revision();
      System.out.println("watch ended (" + (open ? "clean" : "broken") + "), resuming at " + last);
      watch = api.watch(hub, CONFIGMAPS + "?watch=1&resourceVersion=" + last);
      resumes++;
    }
    watch.close();
    HaSupport.assertOrderedWithoutDuplicates(events);
    Set<String> seen = names(events);
    for (String name : acknowledged.keySet()) {
      assertTrue(seen.contains(name), "acknowledged " + name + " missing from the watch");
      Api.Resp r = api.get(hub, CONFIGMAPS + "/" + name);
      assertEquals(200, r.code(), "acknowledged " + name + " lost");
    }
    // while the database was away: 503 with Retry-After, fast
    double slowest = 0;
    for (Api.Resp failure : writer.failures) {
      assertEquals(503, failure.code(), "failure while the database was away: " + failure.body());
      assertTrue(failure.retryAfter() != null, "503 without Retry-After");
      slowest = Math.max(slowest, failure.nanos() / 1e9);
    }
    double recoverFromBack = (writer.firstSuccessAfterFailureNanos - backAt) / 1e9;
    double outage = (writer.firstSuccessAfterFailureNanos - faultAt) / 1e9;
    HaSupport.measured(
        String.format(
            "%s: database away %.2f s; writes failing for %.2f s in all (first write OK %.2f s"
                + " after the database was back); %d requests got 503+Retry-After, slowest answered in %.2f s; %d"
                + " acknowledged writes all kept and watched (watch resumed %d times)",
            what,
            (backAt - faultAt) / 1e9,
            outage,
            recoverFromBack,
            writer.failures.size(),
            slowest,
            acknowledged.size(),
            resumes));
    assertTrue(slowest <= FAIL_FAST_SECONDS, "a request took " + slowest + " s to fail");
    // the controllers work again (the leader lock was lost with the database and taken again)
    String workspace = "after-" + System.nanoTime() % 100000;
    Api.Resp created = api.post(hub, HaSupport.WORKSPACES, HaSupport.workspace(workspace));
    assertEquals(201, created.code(), created.body());
    long until = System.nanoTime() + 15_000_000_000L;
    while (!api.get(hub, HaSupport.WORKSPACES + "/" + workspace)
        .body()
        .contains("\"phase\":\"Ready\"")) {
      if (System.nanoTime() > until) {
        fail("workspace " + workspace + " not Ready 15 s after the database came back");
      }
      Thread.sleep(50);
    }
  }

  private static Set<String> names(List<Event> events) {
    return events.stream().map(Event::name).collect(Collectors.toCollection(HashSet::new));
  }

  private static String lastFailures(Writer writer) {
    List<Api.Resp> failures = writer.failures;
    synchronized (failures) {
      return failures.subList(Math.max(0, failures.size() - 3), failures.size()).toString();
    }
  }
}
