package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.atrium.hub.storage.Store;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fabric8 Kubernetes client (legacy discovery, WebSocket watches, informers) against the hub.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Fabric8CompatIT {

  private KubernetesClient client;

  @BeforeAll
  void connect() throws Exception {
    client = Fabric8Support.client();
  }

  @AfterAll
  void close() {
    if (client != null) {
      client.close();
    }
  }

  private String namespace(String name) {
    return Fabric8Support.namespace(client, name);
  }

  private static ConfigMap cm(String name, Map<String, String> labels, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withData(data)
        .build();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    fail("timed out waiting for " + what);
  }

  @Test
  void crudConfigMapsSecretsDeployments() {
    String ns = namespace("f8-crud");
    ConfigMap created =
        client
            .configMaps()
            .inNamespace(ns)
            .resource(cm("c1", Map.of("a", "1"), Map.of("k", "v")))
            .create();
    assertNotNull(created.getMetadata().getUid());
    assertNotNull(created.getMetadata().getResourceVersion());
    assertNotNull(created.getMetadata().getCreationTimestamp());
    assertEquals(ns, created.getMetadata().getNamespace());
    ConfigMap read = client.configMaps().inNamespace(ns).withName("c1").get();
    assertEquals("v", read.getData().get("k"));
    read.getData().put("k2", "v2");
    ConfigMap updated = client.configMaps().inNamespace(ns).resource(read).update();
    assertEquals("v2", updated.getData().get("k2"));
    assertNotEquals(
        created.getMetadata().getResourceVersion(), updated.getMetadata().getResourceVersion());
    assertEquals(
        1, client.configMaps().inNamespace(ns).withLabel("a", "1").list().getItems().size());
    assertNull(client.configMaps().inNamespace(ns).withName("missing").get());

    Secret secret =
        client
            .secrets()
            .inNamespace(ns)
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("s1")
                    .endMetadata()
                    .withType("Opaque")
                    .withStringData(Map.of("password", "hunter2"))
                    .build())
            .create();
    assertEquals("aHVudGVyMg==", secret.getData().get("password"));
    Secret readSecret = client.secrets().inNamespace(ns).withName("s1").get();
    assertEquals("aHVudGVyMg==", readSecret.getData().get("password"));
    assertEquals("Opaque", readSecret.getType());

    Deployment deployment =
        client.apps().deployments().inNamespace(ns).resource(deployment("web", 2)).create();
    assertEquals(2, deployment.getSpec().getReplicas());
    assertEquals(1L, deployment.getMetadata().getGeneration());
    Deployment scaled =
        client
            .apps()
            .deployments()
            .inNamespace(ns)
            .withName("web")
            .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(3).endSpec().build());
    assertEquals(3, scaled.getSpec().getReplicas());
    assertEquals(2L, scaled.getMetadata().getGeneration());

    assertFalse(client.configMaps().inNamespace(ns).withName("c1").delete().isEmpty());
    assertNull(client.configMaps().inNamespace(ns).withName("c1").get());
    assertFalse(client.secrets().inNamespace(ns).withName("s1").delete().isEmpty());
    assertNull(client.secrets().inNamespace(ns).withName("s1").get());
    client.apps().deployments().inNamespace(ns).withName("web").delete();
    assertNull(client.apps().deployments().inNamespace(ns).withName("web").get());
    assertTrue(client.configMaps().inNamespace(ns).withName("c1").delete().isEmpty());
  }

  private static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage("nginx:1.25")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  @Test
  void labelAndFieldSelectors() {
    String ns = namespace("f8-select");
    var cms = client.configMaps().inNamespace(ns);
    cms.resource(cm("red", Map.of("color", "red", "size", "s"), Map.of())).create();
    cms.resource(cm("green", Map.of("color", "green"), Map.of())).create();
    cms.resource(cm("blue", Map.of("color", "blue", "size", "l"), Map.of())).create();
    cms.resource(cm("plain", Map.of(), Map.of())).create();

    assertEquals(Set.of("red"), names(cms.withLabel("color", "red").list()));
    assertEquals(Set.of("red", "blue"), names(cms.withLabel("size").list()));
    assertEquals(Set.of("red", "green"), names(cms.withLabelIn("color", "red", "green").list()));
    assertEquals(
        Set.of("green", "blue"),
        names(cms.withLabelNotIn("color", "red", "x").withLabel("color").list()));
    assertEquals(
        Set.of("green", "plain"),
        names(cms.withoutLabel("size").list()).stream()
            .filter(n -> !n.equals("kube-root-ca.crt"))
            .collect(Collectors.toSet()));
    assertEquals(
        Set.of("green"),
        names(cms.withLabel("color").withoutLabel("color", "red").withoutLabel("size").list()));
    assertEquals(Set.of("blue"), names(cms.withField("metadata.name", "blue").list()));
    assertEquals(Set.of(), names(cms.withField("metadata.name", "nope").list()));
    assertEquals(
        Set.of("red"),
        names(cms.withField("metadata.name", "red").withLabel("color", "red").list()));
    assertEquals(
        Set.of(), names(cms.withField("metadata.name", "red").withLabel("color", "blue").list()));
    assertTrue(
        names(cms.withoutField("metadata.name", "red").list())
            .containsAll(Set.of("green", "blue", "plain")));
    assertFalse(names(cms.withoutField("metadata.name", "red").list()).contains("red"));
    assertEquals(
        Set.of("blue"),
        names(
            client
                .configMaps()
                .inAnyNamespace()
                .withField("metadata.namespace", ns)
                .withLabel("size", "l")
                .list()));
  }

  private static Set<String> names(ConfigMapList list) {
    return list.getItems().stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
  }

  @Test
  void pagingSeesEveryItemOnce() {
    String ns = namespace("f8-paging");
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 11; i++) {
      String name = "page-" + i;
      client
          .configMaps()
          .inNamespace(ns)
          .resource(cm(name, Map.of("paged", "yes"), Map.of("i", "" + i)))
          .create();
      expected.add(name);
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    String firstRv = null;
    int pages = 0;
    do {
      ListOptions options =
          new ListOptionsBuilder()
              .withLimit(3L)
              .withContinue(token)
              .withLabelSelector("paged=yes")
              .build();
      ConfigMapList page = client.configMaps().inNamespace(ns).list(options);
      pages++;
      assertTrue(page.getItems().size() <= 3, "page larger than limit");
      if (firstRv == null) {
        firstRv = page.getMetadata().getResourceVersion();
        // a write after the first page must not show up in later pages (consistent snapshot)
        client
            .configMaps()
            .inNamespace(ns)
            .resource(cm("late", Map.of("paged", "yes"), Map.of()))
            .create();
      }
      page.getItems().forEach(c -> seen.add(c.getMetadata().getName()));
      token = page.getMetadata().getContinue();
      if (token != null && token.isEmpty()) {
        token = null;
      }
    } while (token != null && pages < 20);
    assertEquals(4, pages);
    assertEquals(11, seen.size(), "every item exactly once: " + seen);
    assertEquals(expected, new HashSet<>(seen));
    assertEquals(
        12, client.configMaps().inNamespace(ns).withLabel("paged", "yes").list().getItems().size());
  }

  @Test
  void watchDeliversEventsInOrder() throws Exception {
    String ns = namespace("f8-watch");
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    CompletableFuture<WatcherException> closed = new CompletableFuture<>();
    Watcher<ConfigMap> watcher =
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, ConfigMap resource) {
            events.add(action + " " + resource.getMetadata().getName() + " " + resource.getData());
          }

          @Override
          public void onClose(WatcherException cause) {
            closed.complete(cause);
          }
        };
    var cms = client.configMaps().inNamespace(ns);
    String rv = cms.list().getMetadata().getResourceVersion();
    try (Watch watch =
        cms.withLabel("w", "1")
            .watch(new ListOptionsBuilder().withResourceVersion(rv).build(), watcher)) {
      cms.resource(cm("w1", Map.of("w", "1"), Map.of("v", "1"))).create();
      cms.resource(cm("other", Map.of("w", "2"), Map.of())).create();
      cms.withName("w1").edit(c -> new ConfigMapBuilder(c).addToData("v", "2").build());
      cms.withName("w1").delete();
      assertEquals("ADDED w1 {v=1}", events.poll(15, TimeUnit.SECONDS));
      assertEquals("MODIFIED w1 {v=2}", events.poll(15, TimeUnit.SECONDS));
      assertEquals("DELETED w1 {v=2}", events.poll(15, TimeUnit.SECONDS));
      assertNull(events.poll(500, TimeUnit.MILLISECONDS), "no event for unselected objects");
    }

    // a watch without resourceVersion starts with the current state
    BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
    try (Watch watch =
        cms.withLabel("w", "2")
            .watch(
                new Watcher<ConfigMap>() {
                  @Override
                  public void eventReceived(Action action, ConfigMap resource) {
                    fresh.add(action + " " + resource.getMetadata().getName());
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      assertEquals("ADDED other", fresh.poll(15, TimeUnit.SECONDS));
      cms.withName("other").delete();
      assertEquals("DELETED other", fresh.poll(15, TimeUnit.SECONDS));
    }
  }

  @Test
  void informerSyncsAndSurvivesCompaction() throws Exception {
    String ns = namespace("f8-informer");
    var cms = client.configMaps().inNamespace(ns);
    cms.resource(cm("pre", Map.of("inf", "1"), Map.of("v", "0"))).create();
    List<String> log = new CopyOnWriteArrayList<>();
    SharedIndexInformer<ConfigMap> informer =
        cms.withLabel("inf", "1")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap obj) {
                    log.add("add " + obj.getMetadata().getName());
                  }

                  @Override
                  public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                    if (!oldObj
                        .getMetadata()
                        .getResourceVersion()
                        .equals(newObj.getMetadata().getResourceVersion())) {
                      log.add(
                          "update "
                              + newObj.getMetadata().getName()
                              + " "
                              + newObj.getData().get("v"));
                    }
                  }

                  @Override
                  public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                    log.add("delete " + obj.getMetadata().getName());
                  }
                },
                0);
    try {
      await("informer sync", informer::hasSynced);
      await("initial add", () -> log.contains("add pre"));
      assertEquals(1, informer.getStore().list().size());
      assertTrue(informer.isWatching());

      cms.resource(cm("a", Map.of("inf", "1"), Map.of("v", "1"))).create();
      cms.withName("a").edit(c -> new ConfigMapBuilder(c).addToData("v", "2").build());
      cms.withName("pre").delete();
      await(
          "add/update/delete",
          () -> log.contains("add a") && log.contains("update a 2") && log.contains("delete pre"));
      assertTrue(log.indexOf("add a") < log.indexOf("update a 2"));
      assertEquals(
          Set.of("a"),
          informer.getStore().list().stream()
              .map(c -> c.getMetadata().getName())
              .collect(Collectors.toSet()));

      // compact history up to now: old resourceVersions become 410 Expired
      String oldRv = cms.withName("a").get().getMetadata().getResourceVersion();
      cms.resource(cm("b", Map.of("inf", "1"), Map.of("v", "1"))).create();
      await("add b", () -> log.contains("add b"));
      Store store = Arc.container().instance(Store.class).get();
      long current = store.currentRevision().await().atMost(Duration.ofSeconds(10));
      store.compact(current).await().atMost(Duration.ofSeconds(10));
      assertTrue(store.watermark().await().atMost(Duration.ofSeconds(10)) >= Long.parseLong(oldRv));

      // a raw watch from below the watermark is told 410 Gone / Expired
      CompletableFuture<WatcherException> gone = new CompletableFuture<>();
      List<String> unexpected = new CopyOnWriteArrayList<>();
      Watch raw =
          cms.watch(
              new ListOptionsBuilder().withResourceVersion(oldRv).build(),
              new Watcher<ConfigMap>() {
                @Override
                public void eventReceived(Action action, ConfigMap resource) {
                  unexpected.add(action + " " + resource.getMetadata().getName());
                }

                @Override
                public void onClose(WatcherException cause) {
                  gone.complete(cause);
                }
              });
      try {
        WatcherException e = gone.get(20, TimeUnit.SECONDS);
        assertNotNull(e, "watch closed without an error");
        assertTrue(e.isHttpGone(), "expected HTTP 410, got " + e.getMessage());
        KubernetesClientException ce = e.asClientException();
        assertEquals(410, ce.getCode());
        assertNotNull(ce.getStatus(), "410 without Status");
        assertEquals("Expired", ce.getStatus().getReason());
        assertTrue(unexpected.isEmpty(), "events from an expired watch: " + unexpected);
      } finally {
        raw.close();
      }

      // the informer keeps working after compaction
      cms.withName("b").edit(c -> new ConfigMapBuilder(c).addToData("v", "3").build());
      cms.resource(cm("c", Map.of("inf", "1"), Map.of("v", "1"))).create();
      cms.withName("a").delete();
      await(
          "changes after compaction",
          () -> log.contains("update b 3") && log.contains("add c") && log.contains("delete a"));
      await(
          "store after compaction",
          () ->
              informer.getStore().list().stream()
                  .map(c -> c.getMetadata().getName())
                  .collect(Collectors.toSet())
                  .equals(Set.of("b", "c")));
      assertTrue(informer.isWatching());
    } finally {
      informer.close();
    }
  }

  @Test
  void jsonAndMergePatches() {
    String ns = namespace("f8-patch");
    var cms = client.configMaps().inNamespace(ns);
    cms.resource(cm("p", Map.of("l", "1"), Map.of("a", "1", "b", "2"))).create();
    ConfigMap json =
        cms.withName("p")
            .patch(
                PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"10\"},"
                    + "{\"op\":\"remove\",\"path\":\"/data/b\"},"
                    + "{\"op\":\"add\",\"path\":\"/metadata/labels/added\",\"value\":\"yes\"}]");
    assertEquals(Map.of("a", "10"), json.getData());
    assertEquals(Map.of("l", "1", "added", "yes"), json.getMetadata().getLabels());

    ConfigMap merge =
        cms.withName("p")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"l\":null}},\"data\":{\"c\":\"3\"}}");
    assertEquals(Map.of("a", "10", "c", "3"), merge.getData());
    assertEquals(Map.of("added", "yes"), merge.getMetadata().getLabels());

    ConfigMap strategic =
        cms.withName("p")
            .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"data\":{\"d\":\"4\"}}");
    assertEquals("4", strategic.getData().get("d"));

    ConfigMap edited =
        cms.withName("p")
            .edit(c -> new ConfigMapBuilder(c).addToData("e", "5").removeFromData("a").build());
    assertEquals(Map.of("c", "3", "d", "4", "e", "5"), edited.getData());
    assertEquals(edited.getData(), cms.withName("p").get().getData());

    // a failing JSON patch test op changes nothing
    KubernetesClientException e =
        assertThrows(
            KubernetesClientException.class,
            () ->
                cms.withName("p")
                    .patch(
                        PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"test\",\"path\":\"/data/c\",\"value\":\"nope\"},"
                            + "{\"op\":\"remove\",\"path\":\"/data/c\"}]"));
    assertTrue(
        e.getCode() == 422 || e.getCode() == 500 || e.getCode() == 400, "code " + e.getCode());
    assertEquals("3", cms.withName("p").get().getData().get("c"));
  }

  @Test
  void leaseLeaderElectionStyleUpdates() {
    String ns = namespace("f8-lease");
    ZonedDateTime t0 = ZonedDateTime.parse("2026-01-02T03:04:05.123456Z");
    Lease lease =
        client
            .leases()
            .inNamespace(ns)
            .resource(
                new LeaseBuilder()
                    .withNewMetadata()
                    .withName("leader")
                    .endMetadata()
                    .withNewSpec()
                    .withHolderIdentity("a")
                    .withLeaseDurationSeconds(15)
                    .withAcquireTime(t0)
                    .withRenewTime(t0)
                    .withLeaseTransitions(0)
                    .endSpec()
                    .build())
            .create();
    assertEquals("a", lease.getSpec().getHolderIdentity());
    assertEquals(t0.toInstant(), lease.getSpec().getRenewTime().toInstant());

    Lease current = client.leases().inNamespace(ns).withName("leader").get();
    assertEquals(t0.toInstant(), current.getSpec().getAcquireTime().toInstant());
    ZonedDateTime t1 = ZonedDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    current.getSpec().setHolderIdentity("b");
    current.getSpec().setRenewTime(t1);
    current.getSpec().setAcquireTime(t1);
    current.getSpec().setLeaseTransitions(1);
    Lease renewed = client.leases().inNamespace(ns).resource(current).update();
    assertEquals("b", renewed.getSpec().getHolderIdentity());
    assertEquals(t1.toInstant(), renewed.getSpec().getRenewTime().toInstant());
    assertEquals(1, renewed.getSpec().getLeaseTransitions());

    // the loser of a race gets 409 Conflict with the stale object
    current.getSpec().setHolderIdentity("c");
    KubernetesClientException e =
        assertThrows(
            KubernetesClientException.class,
            () -> client.leases().inNamespace(ns).resource(current).update());
    assertEquals(409, e.getCode());
    assertEquals(
        "b",
        client.leases().inNamespace(ns).withName("leader").get().getSpec().getHolderIdentity());
  }

  @Test
  void optimisticConcurrency() {
    String ns = namespace("f8-occ");
    var cms = client.configMaps().inNamespace(ns);
    ConfigMap original = cms.resource(cm("occ", Map.of(), Map.of("v", "1"))).create();
    ConfigMap first = new ConfigMapBuilder(original).addToData("v", "2").build();
    cms.resource(first).update();
    ConfigMap stale = new ConfigMapBuilder(original).addToData("v", "3").build();
    KubernetesClientException e =
        assertThrows(KubernetesClientException.class, () -> cms.resource(stale).update());
    assertEquals(409, e.getCode());
    assertNotNull(e.getStatus());
    assertEquals("Conflict", e.getStatus().getReason());
    assertEquals(
        "Operation cannot be fulfilled on configmaps \"occ\": the object has been modified;"
            + " please apply your changes to the latest version and try again",
        e.getStatus().getMessage());
    assertEquals("2", cms.withName("occ").get().getData().get("v"));

    KubernetesClientException exists =
        assertThrows(
            KubernetesClientException.class,
            () -> cms.resource(cm("occ", Map.of(), Map.of())).create());
    assertEquals(409, exists.getCode());
    assertEquals("AlreadyExists", exists.getStatus().getReason());
  }

  @Test
  void deletePropagation() throws Exception {
    String ns = namespace("f8-gc");
    var deployments = client.apps().deployments().inNamespace(ns);
    var replicaSets = client.apps().replicaSets().inNamespace(ns);

    Deployment bg = deployments.resource(deployment("bg", 1)).create();
    replicaSets.resource(replicaSet("bg-rs", bg)).create();
    deployments.withName("bg").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    await("background GC of the ReplicaSet", () -> replicaSets.withName("bg-rs").get() == null);
    assertNull(deployments.withName("bg").get());

    Deployment orphaner = deployments.resource(deployment("orph", 1)).create();
    replicaSets.resource(replicaSet("orph-rs", orphaner)).create();
    deployments.withName("orph").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
    await("orphaning owner is gone", () -> deployments.withName("orph").get() == null);
    await(
        "orphan released",
        () -> {
          ReplicaSet rs = replicaSets.withName("orph-rs").get();
          return rs != null
              && (rs.getMetadata().getOwnerReferences() == null
                  || rs.getMetadata().getOwnerReferences().isEmpty());
        });
    Thread.sleep(1000);
    assertNotNull(replicaSets.withName("orph-rs").get(), "orphaned dependent must stay");
  }

  private static ReplicaSet replicaSet(String name, Deployment owner) {
    OwnerReference ref =
        new OwnerReferenceBuilder()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withName(owner.getMetadata().getName())
            .withUid(owner.getMetadata().getUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build();
    String app = owner.getMetadata().getName();
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withOwnerReferences(ref)
        .addToLabels("app", app)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .addToMatchLabels("app", app)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", app)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage("nginx:1.25")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  @Test
  void namespaceDeletionRemovesContents() throws Exception {
    String ns = namespace("f8-nsdel");
    client.configMaps().inNamespace(ns).resource(cm("x", Map.of(), Map.of())).create();
    client
        .secrets()
        .inNamespace(ns)
        .resource(new SecretBuilder().withNewMetadata().withName("y").endMetadata().build())
        .create();
    client.apps().deployments().inNamespace(ns).resource(deployment("z", 1)).create();
    client.namespaces().withName(ns).delete();
    await("namespace gone", () -> client.namespaces().withName(ns).get() == null);
    assertNull(client.configMaps().inNamespace(ns).withName("x").get());
    assertTrue(client.secrets().inNamespace(ns).list().getItems().isEmpty());
    assertTrue(client.apps().deployments().inNamespace(ns).list().getItems().isEmpty());
    assertTrue(
        client
            .configMaps()
            .inAnyNamespace()
            .withField("metadata.namespace", ns)
            .list()
            .getItems()
            .isEmpty());
    // the name is free again
    namespace(ns);
    assertEquals(
        Collections.emptyList(),
        client.configMaps().inNamespace(ns).withLabel("nothing").list().getItems());
  }
}
