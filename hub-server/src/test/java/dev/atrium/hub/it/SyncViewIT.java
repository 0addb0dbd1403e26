package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.model.workload.Workload;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hub's side of sync over real HTTP: SyncTarget key and conditions, syncer finalizers, the
 * syncer view's list/watch and its access rules, heartbeats and their loss, finalizer release on
 * the agent's request, the sweep for objects labelled before their target, and deregistration.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncViewIT {

  private static final String WS = "root:syncit";
  private static final String TARGETS = "/apis/workload.atrium.dev/v1alpha1/synctargets";

  private HubHttp http;
  private String admin;

  @BeforeAll
  void setUp() throws Exception {
    http = new HubHttp();
    admin = TestHub.adminToken();
    workspace("root", "syncit");
    workspace(WS, "child");
    workspace("root", "syncit-other");
  }

  private void workspace(String parent, String name) {
    http.readyWorkspace(admin, parent, name);
  }

  private static String c(String ws) {
    return "/clusters/" + ws;
  }

  private String target(String name) {
    HubHttp.Resp r =
        http.post(
            admin,
            c(WS) + TARGETS,
            "{\"apiVersion\":\"workload.atrium.dev/v1alpha1\",\"kind\":\"SyncTarget\","
                + "\"metadata\":{\"name\":\""
                + name
                + "\",\"labels\":{\"region\":\"eu\"}}}");
    assertEquals(201, r.code(), r.toString());
    return r.json().path("metadata").path("labels").path(Workload.KEY_LABEL).asText();
  }

  /** A token of the target's agent ServiceAccount. */
  private String agentToken(String target) {
    String sa = Workload.agentServiceAccount(target);
    http.post(
        admin,
        c(WS) + "/api/v1/namespaces/default/serviceaccounts",
        "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\""
            + sa
            + "\"}}");
    HubHttp.Resp token =
        http.post(
            admin,
            c(WS) + "/api/v1/namespaces/default/serviceaccounts/" + sa + "/token",
            "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\","
                + "\"spec\":{\"expirationSeconds\":3600}}");
    assertEquals(201, token.code(), token.toString());
    return token.json().path("status").path("token").asText();
  }

  private void namespace(String ws, String name) {
    HubHttp.Resp r =
        http.post(
            admin,
            c(ws) + "/api/v1/namespaces",
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                + name
                + "\"}}");
    assertTrue(r.code() == 201 || r.code() == 409, r.toString());
  }

  private HubHttp.Resp configMap(String ws, String ns, String name, String labels) {
    HubHttp.Resp r =
        http.post(
            admin,
            c(ws) + "/api/v1/namespaces/" + ns + "/configmaps",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                + name
                + "\",\"labels\":"
                + labels
                + "},\"data\":{\"a\":\"b\"}}");
    assertEquals(201, r.code(), r.toString());
    return r;
  }

  private static List<String> finalizers(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.path("metadata").path("finalizers").forEach(f -> out.add(f.asText()));
    return out;
  }

  @Test
  void syncTargetGetsKeyFinalizerAndConditions() {
    String key = target("keyed");
    assertEquals(Workload.targetKey(WS, "keyed"), key);
    JsonNode t = http.get(admin, c(WS) + TARGETS + "/keyed").json();
    assertTrue(finalizers(t).contains(Workload.SYNC_TARGET_FINALIZER), t.toString());
    assertEquals("False", condition(t, "Ready"));
    HubHttp.Resp changed =
        http.mergePatch(
            admin,
            c(WS) + TARGETS + "/keyed",
            "{\"metadata\":{\"labels\":{\"" + Workload.KEY_LABEL + "\":\"x\"}}}");
    assertEquals(422, changed.code(), changed.toString());
  }

  @Test
  void viewServesExactlyTheSyncedObjectsAndItsRules() throws Exception {
    String key = target("pc1");
    String token = agentToken("pc1");
    String label = "{\"" + Workload.stateLabel(key) + "\":\"Sync\"}";
    namespace(WS, "app");
    namespace(WS + ":child", "app");
    namespace("root:syncit-other", "app");
    HubHttp.Resp synced = configMap(WS, "app", "synced", label);
    assertTrue(
        finalizers(synced.json()).contains(Workload.syncerFinalizer(key)), synced.toString());
    HubHttp.Resp plain = configMap(WS, "app", "plain", "{}");
    assertTrue(finalizers(plain.json()).isEmpty());
    configMap(WS, "app", "ref", "{}");
    configMap(WS + ":child", "app", "in-child", label);
    HubHttp.Resp foreign = configMap("root:syncit-other", "app", "foreign", label);
    assertTrue(finalizers(foreign.json()).isEmpty(), "a sibling is not served: " + foreign);
    HubHttp.Resp deploy =
        http.post(
            admin,
            c(WS) + "/apis/apps/v1/namespaces/app/deployments",
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
                + "\"labels\":"
                + label
                + "},\"spec\":{\"selector\":{\"matchLabels\":{\"a\":\"b\"}},\"template\":{\"metadata\":"
                + "{\"labels\":{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\","
                + "\"envFrom\":[{\"configMapRef\":{\"name\":\"ref\"}}]}]}}}}");
    assertEquals(201, deploy.code(), deploy.toString());

    String view = Workload.viewPath(WS, "pc1");
    JsonNode list = http.get(token, view + "/objects").json();
    List<String> names = new ArrayList<>();
    list.path("items")
        .forEach(
            i ->
                names.add(
                    i.path("workspace").asText()
                        + "/"
                        + i.path("resource").asText()
                        + "/"
                        + i.path("object").path("metadata").path("name").asText()));
    assertEquals(
        List.of(
                WS + "/configmaps/synced",
                WS + ":child/configmaps/in-child",
                WS + "/deployments/web")
            .stream()
            .sorted()
            .toList(),
        names.stream().sorted().toList(),
        list.toString());
    String rv = list.path("metadata").path("resourceVersion").asText();
    assertFalse(rv.isEmpty());

    BlockingQueue<String> events =
        http.stream(
            token, view + "/objects?watch=true&allowWatchBookmarks=true&resourceVersion=" + rv);
    http.mergePatch(
        admin,
        c(WS) + "/api/v1/namespaces/app/configmaps/plain",
        "{\"metadata\":{\"labels\":" + label + "}}");
    JsonNode added = next(events, "ADDED");
    assertEquals("plain", added.path("object").path("metadata").path("name").asText());
    HubHttp.Resp unlabelled =
        http.mergePatch(
            admin,
            c(WS) + "/api/v1/namespaces/app/configmaps/synced",
            "{\"metadata\":{\"labels\":{\"" + Workload.stateLabel(key) + "\":null}}}");
    assertTrue(
        finalizers(unlabelled.json()).isEmpty(), "label gone, finalizer gone: " + unlabelled);
    JsonNode gone = next(events, "DELETED");
    assertEquals("synced", gone.path("object").path("metadata").path("name").asText());

    String app = view + c(WS) + "/api/v1/namespaces/app";
    assertEquals(200, http.get(token, app + "/configmaps/plain").code());
    assertEquals(200, http.get(token, app + "/configmaps/ref").code(), "referenced by web");
    assertEquals(403, http.get(token, app + "/configmaps/synced").code(), "no longer synced");
    assertEquals(403, http.get(token, app + "/secrets").code());
    assertEquals(
        403,
        http.get(token, view + c("root:syncit-other") + "/api/v1/namespaces/app/configmaps/foreign")
            .code());
    assertEquals(
        403,
        http.post(
                token,
                app + "/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"evil\"}}")
            .code());
    assertEquals(
        201,
        http.post(
                token,
                app + "/events",
                "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"e1\"},"
                    + "\"involvedObject\":{\"kind\":\"Deployment\",\"name\":\"web\",\"namespace\":\"app\"},"
                    + "\"reason\":\"Test\",\"message\":\"m\",\"type\":\"Normal\"}")
            .code());
    String web = view + c(WS) + "/apis/apps/v1/namespaces/app/deployments/web";
    assertEquals(
        200, http.mergePatch(token, web + "/status", "{\"status\":{\"replicas\":2}}").code());
    assertEquals(
        2,
        http.get(admin, c(WS) + "/apis/apps/v1/namespaces/app/deployments/web")
            .json()
            .path("status")
            .path("replicas")
            .asInt());
    assertEquals(
        403, http.mergePatch(token, web, "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}").code());
    assertEquals(
        403,
        http.get(token, c(WS) + "/api/v1/namespaces/app/configmaps/plain").code(),
        "the agent's token has no rights outside its view");
    assertEquals(403, http.get(token, Workload.viewPath(WS, "other") + "/objects").code());

    HubHttp.Resp deleting =
        http.send(
            admin, "DELETE", c(WS) + "/apis/apps/v1/namespaces/app/deployments/web", null, null);
    assertEquals(200, deleting.code(), deleting.toString());
    JsonNode marked = http.get(token, web).json();
    assertFalse(
        marked.path("metadata").path("deletionTimestamp").isMissingNode(), marked.toString());
    int index = finalizers(marked).indexOf(Workload.syncerFinalizer(key));
    String release =
        "[{\"op\":\"test\",\"path\":\"/metadata/finalizers/"
            + index
            + "\",\"value\":\""
            + Workload.syncerFinalizer(key)
            + "\"},{\"op\":\"remove\",\"path\":\"/metadata/finalizers/"
            + index
            + "\"}]";
    HubHttp.Resp released = http.send(token, "PATCH", web, release, "application/json-patch+json");
    assertEquals(200, released.code(), released.toString());
    assertEquals(
        404, http.get(admin, c(WS) + "/apis/apps/v1/namespaces/app/deployments/web").code());
  }

  @Test
  void statusOfSeveralTargetsIsKeptPerTargetAndAggregated() {
    String a = target("agg-a");
    String b = target("agg-b");
    String tokenA = agentToken("agg-a");
    String tokenB = agentToken("agg-b");
    namespace(WS, "agg");
    String labels =
        "{\"" + Workload.stateLabel(a) + "\":\"Sync\",\"" + Workload.stateLabel(b) + "\":\"Sync\"}";
    HubHttp.Resp d =
        http.post(
            admin,
            c(WS) + "/apis/apps/v1/namespaces/agg/deployments",
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
                + "\"labels\":"
                + labels
                + "},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"a\":\"b\"}},\"template\":{\"metadata\":"
                + "{\"labels\":{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}}}");
    assertEquals(201, d.code(), d.toString());
    String path = c(WS) + "/apis/apps/v1/namespaces/agg/deployments/web/status";
    assertEquals(
        200,
        http.mergePatch(
                tokenA,
                Workload.viewPath(WS, "agg-a") + path,
                "{\"status\":{\"replicas\":2,\"availableReplicas\":2,\"observedGeneration\":1,"
                    + "\"conditions\":[{\"type\":\"Available\",\"status\":\"True\"}]}}")
            .code());
    HubHttp.Resp second =
        http.mergePatch(
            tokenB,
            Workload.viewPath(WS, "agg-b") + path,
            "{\"status\":{\"replicas\":2,\"availableReplicas\":1,\"observedGeneration\":1,"
                + "\"conditions\":[{\"type\":\"Available\",\"status\":\"False\",\"message\":\"1 missing\"}]}}");
    assertEquals(200, second.code(), second.toString());
    JsonNode web = http.get(admin, c(WS) + "/apis/apps/v1/namespaces/agg/deployments/web").json();
    assertEquals(4, web.path("status").path("replicas").asInt(), web.toString());
    assertEquals(3, web.path("status").path("availableReplicas").asInt());
    assertEquals("False", condition(web, "Available"));
    assertTrue(
        web.path("metadata").path("annotations").has(Workload.statusAnnotation(b)), web.toString());
    HubHttp.Resp dropped =
        http.mergePatch(
            admin,
            c(WS) + "/apis/apps/v1/namespaces/agg/deployments/web",
            "{\"metadata\":{\"labels\":{\"" + Workload.stateLabel(b) + "\":null}}}");
    assertEquals(
        2, dropped.json().path("status").path("availableReplicas").asInt(), dropped.toString());
    assertEquals("True", condition(dropped.json(), "Available"));
  }

  @Test
  void heartbeatsMakeTheTargetReadyAndTheirLossIsNoticed() {
    target("beats");
    String token = agentToken("beats");
    String status = Workload.viewPath(WS, "beats") + c(WS) + TARGETS + "/beats/status";
    HubHttp.Resp beat =
        http.mergePatch(
            token,
            status,
            "{\"status\":{\"lastHeartbeatTime\":\""
                + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "\",\"agentVersion\":\"test\"}}");
    assertEquals(200, beat.code(), beat.toString());
    assertEquals("True", condition(beat.json(), "Ready"));
    assertEquals("True", condition(beat.json(), "HeartbeatHealthy"));
    String written =
        http.get(admin, c(WS) + TARGETS + "/beats")
            .json()
            .path("metadata")
            .path("resourceVersion")
            .asText();
    for (int i = 0; i < 7; i++) {
      sleepMillis(1000);
      HubHttp.Resp again =
          http.mergePatch(
              token,
              status,
              "{\"status\":{\"lastHeartbeatTime\":\""
                  + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                  + "\",\"agentVersion\":\"test\"}}");
      assertEquals(200, again.code(), again.toString());
    }
    JsonNode kept = http.get(admin, c(WS) + TARGETS + "/beats").json();
    assertEquals(
        "True", condition(kept, "HeartbeatHealthy"), "cheap heartbeats keep it healthy: " + kept);
    assertEquals(
        written,
        kept.path("metadata").path("resourceVersion").asText(),
        "no object write per heartbeat");
    assertTrue(
        java.time.Instant.parse(kept.path("status").path("lastHeartbeatTime").asText())
            .isAfter(java.time.Instant.now().minusSeconds(3)),
        "reads show the latest heartbeat: " + kept);
    JsonNode lost =
        eventually(
                () -> http.get(admin, c(WS) + TARGETS + "/beats"),
                r -> "False".equals(condition(r.json(), "HeartbeatHealthy")))
            .json();
    assertEquals("False", condition(lost, "Ready"), lost.toString());
  }

  /**
   * HeartbeatHealthy turns False at last heartbeat + timeout (a per-target deadline), not at the
   * next periodic check: seen by a watch no earlier than the timeout after the last heartbeat was
   * sent and at most 750 ms after it was answered (the status write and the watch hop, on a shared
   * machine; the periodic check alone used to add up to 2 s).
   */
  @Test
  void heartbeatLossIsNoticedAtTheDeadline() throws Exception {
    java.time.Duration timeout =
        org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getValue("atrium.sync.heartbeat-timeout", java.time.Duration.class);
    target("prompt");
    String token = agentToken("prompt");
    String status = Workload.viewPath(WS, "prompt") + c(WS) + TARGETS + "/prompt/status";
    String beat = "{\"status\":{\"lastHeartbeatTime\":\"%s\",\"agentVersion\":\"test\"}}";
    HubHttp.Resp first =
        http.mergePatch(token, status, beat.formatted(java.time.Instant.now().toString()));
    assertEquals("True", condition(first.json(), "HeartbeatHealthy"), first.toString());
    String rv = first.json().path("metadata").path("resourceVersion").asText();
    BlockingQueue<String> events =
        http.stream(
            admin,
            c(WS)
                + TARGETS
                + "?watch=true&fieldSelector=metadata.name%3Dprompt&resourceVersion="
                + rv);
    long sent = 0;
    long answered = 0;
    for (int i = 0; i < 3; i++) {
      sleepMillis(500);
      sent = System.nanoTime();
      HubHttp.Resp again =
          http.mergePatch(token, status, beat.formatted(java.time.Instant.now().toString()));
      answered = System.nanoTime();
      assertEquals(200, again.code(), again.toString());
    }
    long seen = 0;
    long end = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(10);
    while (seen == 0 && System.nanoTime() < end) {
      String line = events.poll(100, TimeUnit.MILLISECONDS);
      if (line != null
          && "False"
              .equals(condition(HubHttp.JSON.readTree(line).path("object"), "HeartbeatHealthy"))) {
        seen = System.nanoTime();
      }
    }
    assertTrue(seen != 0, "HeartbeatHealthy never turned False");
    long fromSent = TimeUnit.NANOSECONDS.toMillis(seen - sent);
    long fromAnswered = TimeUnit.NANOSECONDS.toMillis(seen - answered);
    System.out.printf(
        "heartbeat loss seen %d ms after the last heartbeat was sent (timeout %d ms)%n",
        fromSent, timeout.toMillis());
    assertTrue(fromSent >= timeout.toMillis(), "too early: " + fromSent + " ms");
    assertTrue(fromAnswered <= timeout.toMillis() + 750, "too late: " + fromAnswered + " ms");
  }

  @Test
  void objectsLabelledBeforeTheirTargetGetItsFinalizer() {
    String key = Workload.targetKey(WS, "late");
    namespace(WS, "early");
    configMap(WS, "early", "before", "{\"" + Workload.stateLabel(key) + "\":\"Sync\"}");
    target("late");
    eventually(
        () -> http.get(admin, c(WS) + "/api/v1/namespaces/early/configmaps/before"),
        r -> finalizers(r.json()).contains(Workload.syncerFinalizer(key)));
  }

  @Test
  void deregistrationReleasesFinalizersAndRemovesTheIdentity() {
    String key = target("gone");
    String token = agentToken("gone");
    namespace(WS, "dereg");
    configMap(WS, "dereg", "held", "{\"" + Workload.stateLabel(key) + "\":\"Sync\"}");
    http.send(admin, "DELETE", c(WS) + "/api/v1/namespaces/dereg/configmaps/held", null, null);
    assertEquals(200, http.send(admin, "DELETE", c(WS) + TARGETS + "/gone", null, null).code());
    eventually(
        () -> http.get(admin, c(WS) + "/api/v1/namespaces/dereg/configmaps/held"),
        r -> r.code() == 404);
    HubHttp.Resp cleaned =
        http.mergePatch(
            token,
            Workload.viewPath(WS, "gone") + c(WS) + TARGETS + "/gone/status",
            "{\"status\":{\"conditions\":[{\"type\":\"DownstreamCleaned\",\"status\":\"True\","
                + "\"reason\":\"Cleaned\",\"message\":\"done\",\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}}");
    assertEquals(200, cleaned.code(), cleaned.toString());
    eventually(() -> http.get(admin, c(WS) + TARGETS + "/gone"), r -> r.code() == 404);
    eventually(
        () ->
            http.get(
                admin,
                c(WS)
                    + "/api/v1/namespaces/default/serviceaccounts/"
                    + Workload.agentServiceAccount("gone")),
        r -> r.code() == 404);
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String condition(JsonNode object, String type) {
    for (JsonNode c : object.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c.path("status").asText();
      }
    }
    return "";
  }

  private static JsonNode next(BlockingQueue<String> events, String type) throws Exception {
    long end = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < end) {
      String line = events.poll(500, TimeUnit.MILLISECONDS);
      if (line != null) {
        JsonNode e = HubHttp.JSON.readTree(line);
        if (type.equals(e.path("type").asText())) {
          return e;
        }
      }
    }
    throw new AssertionError("no " + type + " event");
  }

  private static HubHttp.Resp eventually(Supplier<HubHttp.Resp> run, Predicate<HubHttp.Resp> done) {
    return HubHttp.eventually(run, done);
  }
}
