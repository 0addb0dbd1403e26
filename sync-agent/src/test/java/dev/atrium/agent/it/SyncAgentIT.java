package dev.atrium.agent.it;

import static dev.atrium.agent.it.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.Agent;
import dev.atrium.agent.AgentOptions;
import dev.atrium.agent.mapping.Json;
import dev.atrium.model.workload.Workload;
import dev.atrium.testsupport.PhysicalCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The agent in-process against a real kube-apiserver ({@link PhysicalCluster}, on free ports;
 * {@code ATRIUM_AGENT_IT_KUBECONFIG} uses an already running cluster instead) and a stand-in syncer
 * view ({@link FakeView}): downstream apply, CRD install, drift revert, status mapping, orphan
 * removal, deletion with finalizer, error reporting, heartbeat and deregistration.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncAgentIT {

  private static final String WS = "root:it";
  private static final String KEY = Workload.targetKey(WS, "pc1");
  private static final String FINALIZER = Workload.syncerFinalizer(KEY);

  private static PhysicalCluster cluster;
  private static FakeView view;
  private static Agent agent;
  private static KubernetesClient downstreamClient;

  @BeforeAll
  static void start() throws Exception {
    String existing = System.getenv("ATRIUM_AGENT_IT_KUBECONFIG");
    cluster =
        existing == null || existing.isBlank()
            ? PhysicalCluster.start()
            : PhysicalCluster.existing(Path.of(existing));
    view = new FakeView(WS, "pc1");
    Path dir = Files.createTempDirectory("agent-it-hub");
    AgentOptions options =
        AgentOptions.parse(
                "--kubeconfig=" + cluster.kubeconfig,
                "--hub-kubeconfig=" + view.kubeconfig(dir),
                "--sync-target=pc1",
                "--heartbeat-period=1s",
                "--resync-period=3s",
                "--health-port=0")
            .validate();
    agent = Agent.create(options, "it");
    agent.start();
    downstreamClient =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(cluster.kubeconfig)))
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (view != null) {
      view.close();
    }
    if (downstreamClient != null) {
      downstreamClient.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static ObjectNode json(String s) {
    return Json.parse(s.replace('\'', '"'));
  }

  private static ObjectNode deployment(String ns, String name, String image, int replicas) {
    return json(
        """
        {'apiVersion':'apps/v1','kind':'Deployment',
         'metadata':{'name':'%s','namespace':'%s','labels':{'app':'%s','state.workload.atrium.dev/%s':'Sync'},
           'annotations':{'atrium.dev/path':'%s'},'finalizers':['%s']},
         'spec':{'replicas':%d,'selector':{'matchLabels':{'app':'%s'}},
           'template':{'metadata':{'labels':{'app':'%s'}},
             'spec':{'containers':[{'name':'web','image':'%s','envFrom':[{'configMapRef':{'name':'web-config'}}]}]}}}}
        """
            .formatted(name, ns, name, KEY, WS, FINALIZER, replicas, name, name, image));
  }

  private static String dns(String ns) {
    return Workload.downstreamNamespace(WS, ns);
  }

  @Test
  @Order(1)
  void objectsLandInTheLocatedNamespaceAndStatusFlowsUp() throws Exception {
    view.put(
        "",
        "v1",
        "configmaps",
        json(
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'web-config','namespace':'app','labels':{'state.workload.atrium.dev/"
                + KEY
                + "':'Sync'}},'data':{'color':'blue'}}"),
        true);
    view.put("apps", "v1", "deployments", deployment("app", "web", "nginx:1.27", 2), true);
    await(
        "downstream deployment",
        Duration.ofSeconds(30),
        () ->
            downstreamClient.apps().deployments().inNamespace(dns("app")).withName("web").get()
                != null);
    var ns = downstreamClient.namespaces().withName(dns("app")).get();
    JsonNode locator =
        Json.parse(ns.getMetadata().getAnnotations().get(Workload.NAMESPACE_LOCATOR));
    assertEquals(WS, locator.get("workspace").asText());
    assertEquals("app", locator.get("namespace").asText());
    assertEquals(KEY, ns.getMetadata().getLabels().get(Workload.SYNC_TARGET_LABEL));
    Deployment d =
        downstreamClient.apps().deployments().inNamespace(dns("app")).withName("web").get();
    assertEquals(KEY, d.getMetadata().getLabels().get(Workload.SYNC_TARGET_LABEL));
    assertTrue(d.getMetadata().getFinalizers().isEmpty());
    JsonNode upstream =
        Json.parse(d.getMetadata().getAnnotations().get(Workload.UPSTREAM_ANNOTATION));
    assertEquals("web", upstream.get("name").asText());
    assertEquals(1, upstream.get("generation").asLong());
    await(
        "downstream configmap",
        Duration.ofSeconds(10),
        () ->
            downstreamClient.configMaps().inNamespace(dns("app")).withName("web-config").get()
                != null);
    assertEquals(
        "blue",
        downstreamClient
            .configMaps()
            .inNamespace(dns("app"))
            .withName("web-config")
            .get()
            .getData()
            .get("color"));
    await(
        "availableReplicas 2 upstream",
        Duration.ofSeconds(60),
        () ->
            view.get("apps", "v1", "deployments", "app", "web")
                    .object()
                    .at("/status/availableReplicas")
                    .asInt()
                == 2);
    assertEquals(
        1,
        view.get("apps", "v1", "deployments", "app", "web")
            .object()
            .at("/status/observedGeneration")
            .asLong());
  }

  @Test
  @Order(2)
  void driftOnTheClusterIsReverted() throws Exception {
    long t0 = System.nanoTime();
    downstreamClient.apps().deployments().inNamespace(dns("app")).withName("web").scale(5);
    await(
        "replicas back to 2",
        Duration.ofSeconds(10),
        () ->
            downstreamClient
                    .apps()
                    .deployments()
                    .inNamespace(dns("app"))
                    .withName("web")
                    .get()
                    .getSpec()
                    .getReplicas()
                == 2);
    System.out.printf("drift reverted after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  @Order(3)
  void upstreamChangesReachTheClusterWithTheNewGeneration() throws Exception {
    view.put("apps", "v1", "deployments", deployment("app", "web", "nginx:1.28", 2), true);
    await(
        "image 1.28",
        Duration.ofSeconds(15),
        () ->
            "nginx:1.28"
                .equals(
                    downstreamClient
                        .apps()
                        .deployments()
                        .inNamespace(dns("app"))
                        .withName("web")
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage()));
    await(
        "observedGeneration 2 upstream",
        Duration.ofSeconds(30),
        () ->
            view.get("apps", "v1", "deployments", "app", "web")
                    .object()
                    .at("/status/observedGeneration")
                    .asLong()
                == 2);
  }

  @Test
  @Order(4)
  void leavingTheViewRemovesTheCopy() throws Exception {
    view.remove("", "v1", "configmaps", "app", "web-config");
    await(
        "configmap gone",
        Duration.ofSeconds(15),
        () ->
            downstreamClient.configMaps().inNamespace(dns("app")).withName("web-config").get()
                == null);
  }

  @Test
  @Order(5)
  void customResourcesGetTheirCrdFirstAndStatusFlowsUp() throws Exception {
    view.crds.put(
        "caches.sync.example.com",
        json(
            """
        {'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',
         'metadata':{'name':'caches.sync.example.com','uid':'x','resourceVersion':'5','annotations':{'atrium.dev/path':'root:it'}},
         'spec':{'group':'sync.example.com','scope':'Namespaced','names':{'plural':'caches','singular':'cache','kind':'Cache'},
           'versions':[{'name':'v1','served':true,'storage':true,'subresources':{'status':{}},
             'schema':{'openAPIV3Schema':{'type':'object','properties':{
               'spec':{'type':'object','properties':{'size':{'type':'integer'}}},
               'status':{'type':'object','properties':{'phase':{'type':'string'}}}}}}}]},
         'status':{'conditions':[]}}
        """));
    view.put(
        "sync.example.com",
        "v1",
        "caches",
        json(
            "{'apiVersion':'sync.example.com/v1','kind':'Cache','metadata':{'name':'c1','namespace':'app','labels':{'state.workload.atrium.dev/"
                + KEY
                + "':'Sync'}},'spec':{'size':3}}"),
        true);
    ResourceDefinitionContext caches =
        new ResourceDefinitionContext.Builder()
            .withGroup("sync.example.com")
            .withVersion("v1")
            .withPlural("caches")
            .withKind("Cache")
            .withNamespaced(true)
            .build();
    await(
        "custom resource downstream",
        Duration.ofSeconds(30),
        () ->
            downstreamClient
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("caches.sync.example.com")
                        .get()
                    != null
                && downstreamClient
                        .genericKubernetesResources(caches)
                        .inNamespace(dns("app"))
                        .withName("c1")
                        .get()
                    != null);
    var cr =
        downstreamClient
            .genericKubernetesResources(caches)
            .inNamespace(dns("app"))
            .withName("c1")
            .get();
    cr.setAdditionalProperty("status", Map.of("phase", "Warm"));
    downstreamClient
        .genericKubernetesResources(caches)
        .inNamespace(dns("app"))
        .resource(cr)
        .updateStatus();
    await(
        "Warm upstream",
        Duration.ofSeconds(15),
        () ->
            "Warm"
                .equals(
                    view.get("sync.example.com", "v1", "caches", "app", "c1")
                        .object()
                        .at("/status/phase")
                        .asText()));
    long[] ms = new long[30];
    for (int i = 0; i < ms.length; i++) {
      String phase = "p" + i;
      var current =
          downstreamClient
              .genericKubernetesResources(caches)
              .inNamespace(dns("app"))
              .withName("c1")
              .get();
      current.setAdditionalProperty("status", Map.of("phase", phase));
      long t0 = System.nanoTime();
      downstreamClient
          .genericKubernetesResources(caches)
          .inNamespace(dns("app"))
          .resource(current)
          .updateStatus();
      await(
          "phase " + phase + " upstream",
          Duration.ofSeconds(10),
          () ->
              phase.equals(
                  view.get("sync.example.com", "v1", "caches", "app", "c1")
                      .object()
                      .at("/status/phase")
                      .asText()));
      ms[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    java.util.Arrays.sort(ms);
    System.out.printf(
        "status round trip over %d updates: p50 %d ms, max %d ms%n",
        ms.length, ms[ms.length / 2], ms[ms.length - 1]);
    assertTrue(ms[ms.length - 1] < 2000, "status round trip max " + ms[ms.length - 1] + " ms");
  }

  @Test
  @Order(6)
  void orphansAreRemovedByTheResync() throws Exception {
    downstreamClient
        .configMaps()
        .inNamespace(dns("app"))
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("stray")
                .addToLabels(Workload.SYNC_TARGET_LABEL, KEY)
                .endMetadata()
                .build())
        .create();
    downstreamClient
        .configMaps()
        .inNamespace(dns("app"))
        .resource(
            new ConfigMapBuilder().withNewMetadata().withName("not-ours").endMetadata().build())
        .create();
    downstreamClient
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("atrium-stray")
                .addToLabels(Workload.SYNC_TARGET_LABEL, KEY)
                .endMetadata()
                .build())
        .create();
    await(
        "orphans deleted",
        Duration.ofSeconds(20),
        () ->
            downstreamClient.configMaps().inNamespace(dns("app")).withName("stray").get() == null
                && isGone(downstreamClient.namespaces().withName("atrium-stray").get()));
    assertTrue(
        downstreamClient.configMaps().inNamespace(dns("app")).withName("not-ours").get() != null);
    assertTrue(
        downstreamClient.apps().deployments().inNamespace(dns("app")).withName("web").get()
            != null);
  }

  private static boolean isGone(io.fabric8.kubernetes.api.model.Namespace ns) {
    return ns == null || ns.getMetadata().getDeletionTimestamp() != null;
  }

  @Test
  @Order(7)
  void applyErrorsAreReportedUpstream() throws Exception {
    ObjectNode bad = deployment("app", "broken", "nginx", 1);
    ((ObjectNode) bad.at("/spec/selector/matchLabels")).put("app", "other");
    view.put("apps", "v1", "deployments", bad, true);
    await(
        "event and condition",
        Duration.ofSeconds(20),
        () ->
            !view.writesTo("/namespaces/app/events").isEmpty()
                && "False"
                    .equals(
                        syncedCondition(
                                view.get("apps", "v1", "deployments", "app", "broken").object())
                            .path("status")
                            .asText()));
    assertEquals(
        "Invalid",
        syncedCondition(view.get("apps", "v1", "deployments", "app", "broken").object())
            .path("reason")
            .asText());
  }

  private static JsonNode syncedCondition(JsonNode o) {
    for (JsonNode c : o.at("/status/conditions")) {
      if (Workload.CONDITION_SYNCED.equals(c.path("type").asText())) {
        return c;
      }
    }
    return Json.object();
  }

  @Test
  @Order(8)
  void deletionUpstreamDeletesDownstreamThenReleasesTheFinalizer() throws Exception {
    view.put("apps", "v1", "deployments", deployment("app", "gone", "nginx:1.27", 1), true);
    await(
        "downstream deployment",
        Duration.ofSeconds(20),
        () ->
            downstreamClient.apps().deployments().inNamespace(dns("app")).withName("gone").get()
                != null);
    view.markDeleting("apps", "v1", "deployments", "app", "gone");
    await(
        "finalizer released",
        Duration.ofSeconds(20),
        () -> view.get("apps", "v1", "deployments", "app", "gone") == null);
    assertEquals(
        null, downstreamClient.apps().deployments().inNamespace(dns("app")).withName("gone").get());
    JsonNode patch =
        view.writesTo("/deployments/gone")
            .get(view.writesTo("/deployments/gone").size() - 1)
            .body();
    assertEquals("test", patch.get(0).get("op").asText());
    assertEquals(FINALIZER, patch.get(0).get("value").asText());
  }

  @Test
  @Order(9)
  void heartbeatsAndHealthEndpoints() throws Exception {
    await(
        "heartbeats",
        Duration.ofSeconds(5),
        () -> view.writesTo("/synctargets/pc1/status").size() >= 2);
    JsonNode status = view.writesTo("/synctargets/pc1/status").get(0).body().get("status");
    assertTrue(status.get("lastHeartbeatTime").asText().startsWith("20"));
    assertEquals("it", status.get("agentVersion").asText());
    HttpClient http = HttpClient.newHttpClient();
    for (String p : new String[] {"/livez", "/readyz"}) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.healthPort() + p))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), p);
    }
  }

  @Test
  @Order(10)
  void aDroppedWatchResumesFromItsResourceVersionAnd410Relists() throws Exception {
    int lists = view.lists.get();
    int watches = view.watchFrom.size();
    view.dropWatches();
    await("a new watch", Duration.ofSeconds(10), () -> view.watchFrom.size() > watches);
    assertEquals(lists, view.lists.get(), "no relist after a plain disconnect");
    assertTrue(Long.parseLong(view.watchFrom.get(view.watchFrom.size() - 1)) > 100);
    view.expireNextWatch = true;
    view.dropWatches();
    await("relist after 410", Duration.ofSeconds(10), () -> view.lists.get() == lists + 1);
  }

  @Test
  @Order(11)
  void changesMadeWhileTheHubWasDownArriveAfterItReturns() throws Exception {
    view.down = true;
    view.dropWatches();
    Thread.sleep(1500);
    view.put(
        "",
        "v1",
        "configmaps",
        json(
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'during-outage','namespace':'app'},'data':{'a':'b'}}"),
        true);
    int lists = view.lists.get();
    view.down = false;
    await(
        "synced after the outage",
        Duration.ofSeconds(40),
        () ->
            downstreamClient.configMaps().inNamespace(dns("app")).withName("during-outage").get()
                != null);
    assertEquals(lists, view.lists.get(), "resumed from the last resourceVersion, no relist");
  }

  @Test
  @Order(12)
  void aFloodInOneWorkspaceDoesNotStarveAnother() throws Exception {
    for (int i = 0; i < 300; i++) {
      view.putIn(
          "root:it:busy",
          "",
          "v1",
          "configmaps",
          json(
              "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'flood-"
                  + i
                  + "','namespace':'load'},'data':{'i':'"
                  + i
                  + "'}}"),
          true);
    }
    long t0 = System.nanoTime();
    view.putIn(
        "root:it:quiet",
        "",
        "v1",
        "configmaps",
        json(
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'important','namespace':'app'}}"),
        true);
    String quietNs = Workload.downstreamNamespace("root:it:quiet", "app");
    await(
        "quiet workspace served",
        Duration.ofSeconds(30),
        () ->
            downstreamClient.configMaps().inNamespace(quietNs).withName("important").get() != null);
    long quietMs = (System.nanoTime() - t0) / 1_000_000;
    String busyNs = Workload.downstreamNamespace("root:it:busy", "load");
    int busyDone =
        downstreamClient
            .configMaps()
            .inNamespace(busyNs)
            .withLabel(Workload.SYNC_TARGET_LABEL, KEY)
            .list()
            .getItems()
            .size();
    System.out.printf(
        "quiet workspace object synced after %d ms, with %d of 300 flood objects done%n",
        quietMs, busyDone);
    assertTrue(quietMs < 5000, "quiet workspace waited " + quietMs + " ms");
    await(
        "flood done",
        Duration.ofSeconds(120),
        () ->
            downstreamClient
                    .configMaps()
                    .inNamespace(busyNs)
                    .withLabel(Workload.SYNC_TARGET_LABEL, KEY)
                    .list()
                    .getItems()
                    .size()
                == 300);
  }

  @Test
  @Order(20)
  void deregistrationRemovesEverythingAndReportsIt() throws Exception {
    view.targetDeleting = true;
    // One delete request per object, the 300 of the flood test included: about 8 per second on
    // this 2-core machine when it is shared (load ~30), so 30 s were not enough there.
    await(
        "downstream cleaned",
        Duration.ofSeconds(90),
        () ->
            downstreamClient
                    .apps()
                    .deployments()
                    .inAnyNamespace()
                    .withLabel(Workload.SYNC_TARGET_LABEL, KEY)
                    .list()
                    .getItems()
                    .isEmpty()
                && downstreamClient
                    .configMaps()
                    .inAnyNamespace()
                    .withLabel(Workload.SYNC_TARGET_LABEL, KEY)
                    .list()
                    .getItems()
                    .isEmpty());
    await(
        "DownstreamCleaned reported",
        Duration.ofSeconds(10),
        () ->
            view.writesTo("/synctargets/pc1/status").stream()
                .anyMatch(
                    w ->
                        "DownstreamCleaned"
                            .equals(w.body().at("/status/conditions/0/type").asText())));
    assertTrue(agent.cleaned());
  }
}
