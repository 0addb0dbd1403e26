package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.model.workload.Workload;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Placements through real HTTP: targets chosen by labels and count, stable under new targets,
 * objects of selected namespaces labelled (existing ones by the controller, new ones at creation),
 * labels removed when a namespace stops matching, failover to a healthy target.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlacementIT {

  private static final String WS = "root:placeit";
  private static final String API = "/clusters/" + WS + "/apis/workload.atrium.dev/v1alpha1";

  private HubHttp http;
  private String admin;

  @BeforeAll
  void setUp() throws Exception {
    http = new HubHttp();
    admin = TestHub.adminToken();
    http.readyWorkspace(admin, "root", "placeit");
  }

  private void target(String name, String region) {
    HubHttp.Resp r =
        http.post(
            admin,
            API + "/synctargets",
            "{\"apiVersion\":\"workload.atrium.dev/v1alpha1\",\"kind\":\"SyncTarget\",\"metadata\":{\"name\":\""
                + name
                + "\",\"labels\":{\"region\":\""
                + region
                + "\"}}}");
    assertEquals(201, r.code(), r.toString());
    beat(name);
  }

  private void beat(String name) {
    HubHttp.Resp r =
        http.mergePatch(
            admin,
            API + "/synctargets/" + name + "/status",
            "{\"status\":{\"lastHeartbeatTime\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\"}}");
    assertEquals(200, r.code(), r.toString());
  }

  private void namespace(String name, String tier) {
    HubHttp.Resp r =
        http.post(
            admin,
            "/clusters/" + WS + "/api/v1/namespaces",
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                + name
                + "\",\"labels\":{\"tier\":\""
                + tier
                + "\"}}}");
    assertEquals(201, r.code(), r.toString());
  }

  private HubHttp.Resp configMap(String ns, String name) {
    HubHttp.Resp r =
        http.post(
            admin,
            "/clusters/" + WS + "/api/v1/namespaces/" + ns + "/configmaps",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                + name
                + "\"}}");
    assertEquals(201, r.code(), r.toString());
    return r;
  }

  private JsonNode getConfigMap(String ns, String name) {
    return http.get(admin, "/clusters/" + WS + "/api/v1/namespaces/" + ns + "/configmaps/" + name)
        .json();
  }

  private static List<String> stateKeys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object
        .path("metadata")
        .path("labels")
        .fieldNames()
        .forEachRemaining(
            l -> {
              if (l.startsWith(Workload.STATE_LABEL_PREFIX)) {
                keys.add(l.substring(Workload.STATE_LABEL_PREFIX.length()));
              }
            });
    return keys;
  }

  private List<String> selected(String placement) {
    List<String> keys = new ArrayList<>();
    http.get(admin, API + "/placements/" + placement)
        .json()
        .path("status")
        .path("selectedTargets")
        .forEach(t -> keys.add(t.path("key").asText()));
    return keys;
  }

  @Test
  void placementLabelsSelectedNamespacesStablyAndFailsOver() {
    target("eu1", "eu");
    target("eu2", "eu");
    target("us1", "us");
    namespace("web", "web");
    namespace("batch", "batch");
    configMap("web", "before");
    configMap("batch", "elsewhere");
    HubHttp.Resp p =
        http.post(
            admin,
            API + "/placements",
            "{\"apiVersion\":\"workload.atrium.dev/v1alpha1\",\"kind\":\"Placement\",\"metadata\":{\"name\":\"web-eu\"},"
                + "\"spec\":{\"locationSelectors\":[{\"matchLabels\":{\"region\":\"eu\"}}],"
                + "\"namespaceSelector\":{\"matchLabels\":{\"tier\":\"web\"}},\"numberOfClusters\":1,"
                + "\"failover\":{\"afterSeconds\":2}}}");
    assertEquals(201, p.code(), p.toString());
    eventually(
        () -> http.get(admin, API + "/placements/web-eu"), r -> selected("web-eu").size() == 1);
    String chosen = selected("web-eu").get(0);
    List<String> eu = List.of(Workload.targetKey(WS, "eu1"), Workload.targetKey(WS, "eu2"));
    assertTrue(eu.contains(chosen), chosen);

    eventually(
        () -> http.get(admin, "/clusters/" + WS + "/api/v1/namespaces/web/configmaps/before"),
        r -> stateKeys(r.json()).equals(List.of(chosen)));
    JsonNode before = getConfigMap("web", "before");
    assertTrue(
        before
            .path("metadata")
            .path("finalizers")
            .toString()
            .contains(Workload.syncerFinalizer(chosen)));
    HubHttp.Resp created = configMap("web", "after");
    assertEquals(List.of(chosen), stateKeys(created.json()), "labelled at creation: " + created);
    assertTrue(stateKeys(getConfigMap("batch", "elsewhere")).isEmpty());

    target("eu3", "eu");
    sleep(2500);
    assertEquals(List.of(chosen), selected("web-eu"), "a new target reshuffles nothing");

    String other = eu.get(0).equals(chosen) ? "eu1" : "eu2";
    String otherName = chosen.equals(Workload.targetKey(WS, "eu1")) ? "eu2" : "eu1";
    long end = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < end && selected("web-eu").equals(List.of(chosen))) {
      beat(otherName);
      beat("eu3");
      sleep(500);
    }
    List<String> now = selected("web-eu");
    assertEquals(1, now.size());
    assertNotEquals(chosen, now.get(0), "failed over away from the silent target " + other);
    eventually(
        () -> http.get(admin, "/clusters/" + WS + "/api/v1/namespaces/web/configmaps/before"),
        r -> stateKeys(r.json()).equals(now));

    http.mergePatch(
        admin,
        "/clusters/" + WS + "/api/v1/namespaces/web",
        "{\"metadata\":{\"labels\":{\"tier\":\"none\"}}}");
    eventually(
        () -> http.get(admin, "/clusters/" + WS + "/api/v1/namespaces/web/configmaps/after"),
        r -> stateKeys(r.json()).isEmpty());
    assertFalse(
        getConfigMap("web", "after")
            .path("metadata")
            .path("finalizers")
            .toString()
            .contains("syncer-"));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static HubHttp.Resp eventually(Supplier<HubHttp.Resp> run, Predicate<HubHttp.Resp> done) {
    return HubHttp.eventually(run, done);
  }
}
