package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Operators' signals over real HTTPS: {@code /metrics} names and labels after real requests, and
 * the health endpoints' text as kube-apiserver prints it.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityIT {

  private static final String WS = "root:obsit";
  private static final String CM = "/clusters/" + WS + "/api/v1/namespaces/default/configmaps";

  private HubHttp http;
  private String admin;

  @BeforeAll
  void setUp() throws Exception {
    http = new HubHttp();
    admin = TestHub.adminToken();
    http.readyWorkspace(admin, "root", "obsit");
  }

  /** /metrics needs no token (as the Prometheus scrape in the chart). */
  private String metrics() {
    HubHttp.Resp r = http.get("", "/metrics", "text/plain; version=0.0.4");
    assertEquals(200, r.code(), r.toString());
    return r.body();
  }

  /** The value of the first sample of {@code name} whose labels contain all {@code labels}. */
  private static double sample(String text, String name, String... labels) {
    Pattern p =
        Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    Matcher m = p.matcher(text);
    while (m.find()) {
      String got = m.group(1);
      boolean all = true;
      for (String l : labels) {
        all &= got.contains(l);
      }
      if (all) {
        return Double.parseDouble(m.group(2));
      }
    }
    return Double.NaN;
  }

  @Test
  void requestMetricsCarryKubeApiserverLabels() throws Exception {
    HubHttp.Resp created =
        http.post(
            admin,
            CM,
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"m1\"},"
                + "\"data\":{\"a\":\"b\"}}");
    assertEquals(201, created.code(), created.toString());
    assertEquals(200, http.get(admin, CM).code());
    assertEquals(200, http.get(admin, CM + "/m1").code());
    assertEquals(404, http.get(admin, CM + "/missing").code());
    BlockingQueue<String> watch = http.stream(admin, CM + "?watch=true");
    assertTrue(watch.poll(20, java.util.concurrent.TimeUnit.SECONDS) != null, "watch event");

    String text =
        eventually(
            this::metrics,
            "watch counted as long-running",
            t ->
                sample(
                        t,
                        "apiserver_longrunning_requests",
                        "verb=\"WATCH\"",
                        "resource=\"configmaps\"",
                        "scope=\"namespace\"")
                    >= 1);
    assertTrue(
        sample(
                text,
                "apiserver_request_total",
                "verb=\"POST\"",
                "resource=\"configmaps\"",
                "code=\"201\"",
                "scope=\"namespace\"",
                "component=\"apiserver\"")
            >= 1,
        "POST counted");
    assertTrue(
        sample(
                text,
                "apiserver_request_total",
                "verb=\"LIST\"",
                "resource=\"configmaps\"",
                "code=\"200\"")
            >= 1);
    assertTrue(
        sample(
                text,
                "apiserver_request_total",
                "verb=\"GET\"",
                "resource=\"configmaps\"",
                "code=\"404\"",
                "scope=\"resource\"")
            >= 1);
    assertTrue(
        sample(
                text,
                "apiserver_request_duration_seconds_bucket",
                "verb=\"POST\"",
                "resource=\"configmaps\"",
                "le=\"0.005\"")
            >= 0,
        "histogram with kube-apiserver's buckets");
    assertTrue(
        sample(text, "apiserver_request_duration_seconds_bucket", "verb=\"POST\"", "le=\"60.0\"")
            >= 1);
    assertTrue(
        sample(text, "apiserver_current_inflight_requests", "request_kind=\"readOnly\"") >= 0);
    assertTrue(
        sample(text, "apiserver_current_inflight_requests", "request_kind=\"mutating\"") >= 0);
  }

  @Test
  void hubGaugesAfterRealObjects() {
    String sts = "/clusters/" + WS + "/apis/workload.atrium.dev/v1alpha1/synctargets";
    HubHttp.Resp t =
        http.post(
            admin,
            sts,
            "{\"apiVersion\":\"workload.atrium.dev/v1alpha1\",\"kind\":\"SyncTarget\","
                + "\"metadata\":{\"name\":\"obs\"}}");
    assertEquals(201, t.code(), t.toString());
    HubHttp.Resp beat =
        http.mergePatch(
            admin,
            sts + "/obs/status",
            "{\"status\":{\"lastHeartbeatTime\":\""
                + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "\"}}");
    assertEquals(200, beat.code(), beat.toString());
    String text =
        eventually(
            this::metrics,
            "storage objects counted and target health known",
            m ->
                sample(
                            m,
                            "apiserver_storage_objects",
                            "resource=\"synctargets.workload.atrium.dev\"")
                        >= 1
                    && sample(m, "atrium_sync_targets", "health=\"healthy\"")
                            + sample(m, "atrium_sync_targets", "health=\"unhealthy\"")
                        >= 1);
    assertTrue(sample(text, "apiserver_storage_objects", "resource=\"namespaces\"") >= 1, text);
    assertTrue(sample(text, "atrium_sync_targets", "health=\"unknown\"") >= 0);
    assertTrue(sample(text, "atrium_workspaces", "phase=\"Ready\"") >= 1);
    assertTrue(sample(text, "atrium_workspaces", "phase=\"Terminating\"") >= 0);
    for (String gauge :
        List.of(
            "atrium_change_feed_revision",
            "atrium_change_feed_head_revision",
            "atrium_change_feed_lag_revisions",
            "atrium_change_feed_last_read_age_seconds")) {
      assertTrue(
          Pattern.compile("^" + gauge + "(\\{[^}]*\\})? \\S+$", Pattern.MULTILINE)
              .matcher(text)
              .find(),
          gauge);
    }
    assertTrue(text.contains("atrium_storage_write_batch_size_count"), "write batch sizes");
  }

  @Test
  void healthEndpointsAsKubeApiserver() {
    HubHttp.Resp ready = http.get("", "/readyz");
    assertEquals(200, ready.code());
    assertEquals("ok", ready.body());
    HubHttp.Resp verbose =
        eventually(() -> http.get("", "/readyz?verbose"), "ready", r -> r.code() == 200);
    assertEquals(
        "[+]ping ok\n[+]log ok\n[+]database ok\n[+]change-feed ok\n[+]shutdown ok\n"
            + "readyz check passed\n",
        verbose.body());
    assertEquals(
        "[+]ping ok\n[+]log ok\nlivez check passed\n", http.get("", "/livez?verbose").body());
    assertEquals(
        "[+]ping ok\n[+]log ok\n[+]database excluded: ok\n[+]change-feed ok\n"
            + "warn: some health checks cannot be excluded: no matches for \"etcd\"\n"
            + "healthz check passed\n",
        http.get("", "/healthz?verbose&exclude=database&exclude=etcd").body());
    assertEquals("ok", http.get("", "/healthz").body());
    HubHttp.Resp db = http.get(admin, "/readyz/database");
    assertEquals(200, db.code(), db.toString());
    assertEquals("ok", db.body());
    assertEquals(404, http.get(admin, "/readyz/nope").code());
    assertEquals(401, http.get("", "/readyz/database").code(), "checks by name need a token");
    String text = metrics();
    assertEquals(
        1.0, sample(text, "kubernetes_healthcheck", "name=\"database\"", "type=\"readyz\""), text);
    assertEquals(1.0, sample(text, "kubernetes_healthcheck", "name=\"ping\"", "type=\"livez\""));
  }

  private static <T> T eventually(
      java.util.function.Supplier<T> get, String what, java.util.function.Predicate<T> ok) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    T last = get.get();
    while (!ok.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + ": " + last);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      last = get.get();
    }
    return last;
  }
}
