package dev.atrium.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.agent.mapping.DownstreamMapper;
import dev.atrium.agent.mapping.Gvr;
import dev.atrium.agent.mapping.Objects;
import dev.atrium.agent.mapping.UpstreamObject;
import dev.atrium.model.workload.Workload;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrphanResyncTest {

  private final FakeDownstream downstream = new FakeDownstream();
  private final DownstreamMapper mapper = new DownstreamMapper("abc");
  private final Gvr deployments = new Gvr("apps", "v1", "deployments", "Deployment", true);

  @Test
  void deletesLabelledObjectsWithoutUpstreamSourceOnly() {
    UpstreamObject web = Objects.deployment("root:a", "app", "web");
    UpstreamObject old = Objects.deployment("root:a", "app", "old");
    downstream.apply(Gvr.NAMESPACES, mapper.namespace("root:a", "app"));
    downstream.apply(deployments, mapper.toDownstream(web));
    downstream.apply(deployments, mapper.toDownstream(old));
    downstream.apply(deployments, Objects.json("{'metadata':{'name':'theirs','namespace':'x'}}"));
    int n = new OrphanResync(downstream, "abc", true).sweep(() -> List.of(web));
    assertEquals(1, n);
    String dns = Workload.downstreamNamespace("root:a", "app");
    assertEquals(List.of(FakeDownstream.id(deployments, dns, "old")), downstream.deleted);
  }

  @Test
  void anEmptyUpstreamRemovesEverythingTheTargetCreated() {
    UpstreamObject web = Objects.deployment("root:a", "app", "web");
    downstream.apply(Gvr.NAMESPACES, mapper.namespace("root:a", "app"));
    downstream.apply(deployments, mapper.toDownstream(web));
    assertEquals(2, new OrphanResync(downstream, "abc", true).sweep(List::of));
  }

  @Test
  void keepsNamespacesCrdsAndReferencedObjects() {
    UpstreamObject cr =
        new UpstreamObject(
            "root:a",
            "x.io",
            "v1",
            "caches",
            Objects.json("{'kind':'Cache','metadata':{'name':'c','namespace':'app'}}"));
    Set<DownstreamIdentity> keep =
        OrphanResync.wanted(List.of(Objects.deployment("root:a", "app", "web"), cr), true);
    String dns = Workload.downstreamNamespace("root:a", "app");
    assertTrue(keep.contains(new DownstreamIdentity("", "namespaces", "", dns)));
    assertTrue(keep.contains(new DownstreamIdentity("", "configmaps", dns, "web-config")));
    assertTrue(
        keep.contains(
            new DownstreamIdentity(
                "apiextensions.k8s.io", "customresourcedefinitions", "", "caches.x.io")));
    assertTrue(keep.contains(new DownstreamIdentity("x.io", "caches", dns, "c")));
  }

  @Test
  void leavesObjectsThatFollowAnOwnerToTheirController() {
    Gvr slices = new Gvr("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true);
    Gvr configmaps = new Gvr("", "v1", "configmaps", "ConfigMap", true);
    downstream.apply(
        slices,
        Objects.json(
            "{'metadata':{'name':'web-x','namespace':'n','labels':{'workload.atrium.dev/sync-target':'abc'}}}"));
    downstream.apply(
        configmaps,
        Objects.json(
            "{'metadata':{'name':'owned','namespace':'n','labels':{'workload.atrium.dev/sync-target':'abc'},'ownerReferences':[{'kind':'X','name':'y','uid':'z','apiVersion':'v1'}]}}"));
    assertEquals(0, new OrphanResync(downstream, "abc", true).sweep(List::of));
  }

  @Test
  void withoutSyncReferencesAReferencedCopyIsAnOrphan() {
    Set<DownstreamIdentity> keep =
        OrphanResync.wanted(List.of(Objects.deployment("root:a", "app", "web")), false);
    String dns = Workload.downstreamNamespace("root:a", "app");
    assertTrue(!keep.contains(new DownstreamIdentity("", "configmaps", dns, "web-config")));
  }
}
