package dev.atrium.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.mapping.DownstreamMapper;
import dev.atrium.agent.mapping.Gvr;
import dev.atrium.agent.mapping.Json;
import dev.atrium.agent.mapping.ObjectRef;
import dev.atrium.agent.mapping.Objects;
import dev.atrium.agent.mapping.UpstreamObject;
import dev.atrium.model.workload.Workload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectReconcilerTest {

  private static final String KEY = "abc";
  private static final Gvr DEPLOYMENTS = new Gvr("apps", "v1", "deployments", "Deployment", true);

  private final FakeHub hub = new FakeHub();
  private final FakeDownstream downstream = new FakeDownstream();
  private final UpstreamCache cache = new UpstreamCache();
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
  private final DownstreamMapper mapper = new DownstreamMapper(KEY);
  private final CrdInstaller crds = new CrdInstaller(hub, downstream, mapper);
  private final List<ObjectRef> statusNeeded = new ArrayList<>();
  private final ObjectReconciler reconciler =
      new ObjectReconciler(
          cache,
          new ApplyReconciler(downstream, mapper, crds, KEY, (g, o) -> {}),
          new DependencyReconciler(
              hub, downstream, mapper, cache, KEY, Duration.ofMinutes(5), clock),
          new StatusUpReconciler(hub, cache, crds::hasStatusSubresource, clock, KEY),
          new DeletionReconciler(hub, downstream, KEY),
          new ErrorReporter(hub, KEY, clock),
          statusNeeded::add);
  private final String dns = Workload.downstreamNamespace("root:a", "app");

  private UpstreamObject seed() {
    UpstreamObject up = Objects.deployment("root:a", "app", "web");
    cache.replace(List.of(up));
    return up;
  }

  @Test
  void appliesTheNamespaceThenTheObject() throws Exception {
    UpstreamObject up = seed();
    reconciler.reconcile(up.ref());
    assertEquals(
        List.of(
            FakeDownstream.id(Gvr.NAMESPACES, "", dns), FakeDownstream.id(DEPLOYMENTS, dns, "web")),
        downstream.applied);
  }

  @Test
  void doesNotApplyAgainWhenNothingChanged() throws Exception {
    UpstreamObject up = seed();
    reconciler.reconcile(up.ref());
    reconciler.reconcile(up.ref());
    assertEquals(2, downstream.applied.size());
  }

  @Test
  void theApplyPassWritesNoStatusAndHandsTheKeyToTheStatusQueue() throws Exception {
    UpstreamObject up = seed();
    assertTrue(reconciler.reconcile(up.ref()));
    assertFalse(reconciler.reconcile(up.ref()));
    assertEquals(List.of(up.ref(), up.ref()), statusNeeded);
    assertTrue(
        hub.calls.stream().allMatch(c -> c.method().equals("GET")),
        "no write to the hub in the apply pass: " + hub.calls);
  }

  @Test
  void revertsDriftOfASyncedField() throws Exception {
    UpstreamObject up = seed();
    reconciler.reconcile(up.ref());
    ObjectNode copy = downstream.objects.get(FakeDownstream.id(DEPLOYMENTS, dns, "web"));
    ((ObjectNode) copy.get("spec")).put("replicas", 5);
    assertTrue(reconciler.needsApply(up.ref()), "drift goes to the apply queue");
    reconciler.reconcile(up.ref());
    assertEquals(2, downstream.get(DEPLOYMENTS, dns, "web").at("/spec/replicas").asInt());
    assertEquals(3, downstream.applied.size());
  }

  @Test
  void writesDownstreamStatusUpOnceWithTheUpstreamGeneration() throws Exception {
    UpstreamObject up = seed();
    reconciler.reconcile(up.ref());
    ObjectNode copy = downstream.objects.get(FakeDownstream.id(DEPLOYMENTS, dns, "web"));
    ((ObjectNode) copy.get("metadata")).put("generation", 1);
    copy.set("status", Objects.json("{'observedGeneration':1,'availableReplicas':2}"));
    String statusPath = "/clusters/root:a/apis/apps/v1/namespaces/app/deployments/web/status";
    ObjectNode written = up.object().deepCopy();
    written.set("status", Objects.json("{'observedGeneration':3,'availableReplicas':2}"));
    ((ObjectNode) written.get("metadata")).put("resourceVersion", "18");
    hub.objects.put(statusPath, written);
    assertFalse(reconciler.needsApply(up.ref()), "a status change is no drift");
    reconciler.reconcileStatus(up.ref());
    reconciler.reconcileStatus(up.ref());
    List<FakeHub.Call> patches =
        hub.calls.stream().filter(c -> c.path().equals(statusPath)).toList();
    assertEquals(1, patches.size());
    assertEquals(3, patches.get(0).body().at("/status/observedGeneration").asInt());
    assertEquals(2, patches.get(0).body().at("/status/availableReplicas").asInt());
  }

  @Test
  void installsTheCrdBeforeTheCustomResource() throws Exception {
    hub.objects.put(
        "/clusters/root:a/apis/apiextensions.k8s.io/v1/customresourcedefinitions/caches.x.io",
        Objects.json(
            "{'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition','metadata':{'name':'caches.x.io'},'spec':{'group':'x.io','versions':[{'name':'v1','subresources':{'status':{}}}]}}"));
    UpstreamObject cr =
        new UpstreamObject(
            "root:a",
            "x.io",
            "v1",
            "caches",
            Objects.json(
                "{'apiVersion':'x.io/v1','kind':'Cache','metadata':{'name':'c1','namespace':'app'},'spec':{'size':3}}"));
    cache.replace(List.of(cr));
    reconciler.reconcile(cr.ref());
    assertEquals(FakeDownstream.id(Gvr.CRDS, "", "caches.x.io"), downstream.applied.get(0));
    assertNotNull(downstream.get(cr.gvr(), dns, "c1"));
    assertTrue(crds.hasStatusSubresource(cr));
    reconciler.reconcile(cr.ref());
    assertEquals(
        1,
        hub.calls.stream().filter(c -> c.path().endsWith("/caches.x.io")).count(),
        "CRD fetched once");
  }

  @Test
  void aMissingCrdIsReportedAsEventAndRetried() {
    UpstreamObject cr =
        new UpstreamObject(
            "root:a",
            "x.io",
            "v1",
            "caches",
            Objects.json(
                "{'apiVersion':'x.io/v1','kind':'Cache','metadata':{'name':'c1','namespace':'app'},'spec':{}}"));
    cache.replace(List.of(cr));
    SyncFailure f = assertThrows(SyncFailure.class, () -> reconciler.reconcile(cr.ref()));
    assertEquals("MissingCRD", f.error().reason());
    FakeHub.Call event =
        hub.calls.stream().filter(c -> c.method().equals("POST")).findFirst().orElseThrow();
    assertEquals("/clusters/root:a/api/v1/namespaces/app/events", event.path());
    assertEquals("Warning", event.body().path("type").asText());
    assertThrows(SyncFailure.class, () -> reconciler.reconcile(cr.ref()));
    assertEquals(1, hub.calls.stream().filter(c -> c.method().equals("POST")).count());
    assertEquals(List.of(cr.ref(), cr.ref()), statusNeeded);
  }

  @Test
  void theStatusPassWritesTheLastApplyErrorAsSyncedFalse() throws Exception {
    UpstreamObject up = seed();
    downstream.failNext = new SyncFailure("Invalid", "spec.replicas: must be >= 0", null);
    assertThrows(SyncFailure.class, () -> reconciler.reconcile(up.ref()));
    assertTrue(reconciler.reconcileStatus(up.ref()));
    FakeHub.Call patch =
        hub.calls.stream().filter(c -> c.path().endsWith("/status")).findFirst().orElseThrow();
    ObjectNode synced = (ObjectNode) patch.body().at("/status/conditions/0");
    assertEquals(Workload.CONDITION_SYNCED, synced.path("type").asText());
    assertEquals("False", synced.path("status").asText());
    assertEquals("Invalid", synced.path("reason").asText());
  }

  @Test
  void deletionDeletesTheCopyThenRemovesTheFinalizerWithATestOp() throws Exception {
    UpstreamObject up = seed();
    reconciler.reconcile(up.ref());
    ObjectNode deleting = up.object().deepCopy();
    ((ObjectNode) deleting.get("metadata"))
        .put("deletionTimestamp", "2026-12-03T10:00:00Z")
        .put("resourceVersion", "30");
    cache.put(new UpstreamObject("root:a", "apps", "v1", "deployments", deleting));
    reconciler.reconcile(up.ref());
    assertNull(downstream.get(DEPLOYMENTS, dns, "web"));
    FakeHub.Call patch = hub.calls.get(hub.calls.size() - 1);
    assertEquals("/clusters/root:a/apis/apps/v1/namespaces/app/deployments/web", patch.path());
    assertEquals("application/json-patch+json", patch.contentType());
    assertEquals(
        "[{\"op\":\"test\",\"path\":\"/metadata/finalizers/0\",\"value\":\"workload.atrium.dev/syncer-abc\"},{\"op\":\"remove\",\"path\":\"/metadata/finalizers/0\"}]",
        Json.write(patch.body()));
  }

  @Test
  void anObjectThatLeftTheViewLosesItsCopy() throws Exception {
    UpstreamObject up = seed();
    reconciler.reconcile(up.ref());
    cache.remove(up);
    reconciler.reconcile(up.ref());
    assertNull(downstream.get(DEPLOYMENTS, dns, "web"));
    assertNull(cache.tombstone(up.ref()));
  }

  @Test
  void referencedConfigMapsAreCopiedDownOnceUnlessSyncedThemselves() throws Exception {
    String cmPath = "/clusters/root:a/api/v1/namespaces/app/configmaps/web-config";
    hub.objects.put(
        cmPath,
        Objects.json(
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'web-config','namespace':'app','uid':'c'},'data':{'color':'blue'}}"));
    UpstreamObject up = seed();
    reconciler.reconcile(up.ref());
    Gvr configmaps = new Gvr("", "v1", "configmaps", "ConfigMap", true);
    ObjectNode copy = downstream.get(configmaps, dns, "web-config");
    assertEquals("blue", copy.at("/data/color").asText());
    assertEquals(KEY, copy.at("/metadata/labels").path(Workload.SYNC_TARGET_LABEL).asText());
    reconciler.reconcile(up.ref());
    assertEquals(1, hub.calls.stream().filter(c -> c.path().equals(cmPath)).count());
  }

  @Test
  void aReferenceThatIsSyncedItselfIsNotFetched() throws Exception {
    UpstreamObject up = Objects.deployment("root:a", "app", "web");
    UpstreamObject cm =
        new UpstreamObject(
            "root:a",
            "",
            "v1",
            "configmaps",
            Objects.json(
                "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'web-config','namespace':'app'}}"));
    cache.replace(List.of(up, cm));
    reconciler.reconcile(up.ref());
    assertTrue(hub.calls.stream().noneMatch(c -> c.path().endsWith("/configmaps/web-config")));
  }
}
