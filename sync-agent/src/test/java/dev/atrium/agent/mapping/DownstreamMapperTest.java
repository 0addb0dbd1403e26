package dev.atrium.agent.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.workload.Workload;
import org.junit.jupiter.api.Test;

class DownstreamMapperTest {

  private final DownstreamMapper mapper = new DownstreamMapper("abc");

  @Test
  void movesNamespacedObjectsIntoTheHashedNamespace() {
    ObjectNode d = mapper.toDownstream(Objects.deployment("root:acme", "app", "web"));
    assertEquals(
        Workload.downstreamNamespace("root:acme", "app"), Json.text(d, "metadata", "namespace"));
    assertEquals("web", Json.text(d, "metadata", "name"));
  }

  @Test
  void stripsServerOwnedMetadataAndStatus() {
    ObjectNode d = mapper.toDownstream(Objects.deployment("root:acme", "app", "web"));
    JsonNode m = d.get("metadata");
    for (String f :
        new String[] {
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "managedFields",
          "ownerReferences",
          "finalizers"
        }) {
      assertFalse(m.has(f), f);
    }
    assertFalse(d.has("status"));
    assertFalse(m.path("annotations").has("atrium.dev/path"));
    assertFalse(m.path("annotations").has("kubectl.kubernetes.io/last-applied-configuration"));
    assertEquals("me", m.path("annotations").path("keep").asText());
  }

  @Test
  void replacesStateLabelsWithTheTargetLabel() {
    ObjectNode d = mapper.toDownstream(Objects.deployment("root:acme", "app", "web"));
    JsonNode labels = d.path("metadata").path("labels");
    assertEquals("abc", labels.path(Workload.SYNC_TARGET_LABEL).asText());
    assertEquals("web", labels.path("app").asText());
    assertFalse(labels.has("state.workload.atrium.dev/abc"));
  }

  @Test
  void recordsTheUpstreamObjectAndGeneration() {
    ObjectNode d = mapper.toDownstream(Objects.deployment("root:acme", "app", "web"));
    ObjectNode a = DownstreamMapper.upstreamOf(d);
    assertEquals("root:acme", a.get("workspace").asText());
    assertEquals("app", a.get("namespace").asText());
    assertEquals("web", a.get("name").asText());
    assertEquals(3, a.get("generation").asLong());
    assertEquals(
        new ObjectRef("root:acme", "apps", "deployments", "app", "web"),
        DownstreamMapper.refOf(new Gvr("apps", "v1", "deployments", "Deployment", true), d));
  }

  @Test
  void keepsClusterScopedNames() {
    UpstreamObject cr =
        new UpstreamObject(
            "root:a",
            "rbac.authorization.k8s.io",
            "v1",
            "clusterroles",
            Objects.json(
                "{'apiVersion':'rbac.authorization.k8s.io/v1','kind':'ClusterRole','metadata':{'name':'reader'},'rules':[]}"));
    ObjectNode d = mapper.toDownstream(cr);
    assertEquals("reader", Json.text(d, "metadata", "name"));
    assertFalse(d.path("metadata").has("namespace"));
  }

  @Test
  void dropsAllocatedServiceAddressesButKeepsHeadless() {
    String svc =
        "{'apiVersion':'v1','kind':'Service','metadata':{'name':'s','namespace':'n'},'spec':{'clusterIP':'%s','clusterIPs':['%s'],'ports':[{'port':80}]}}";
    ObjectNode normal =
        mapper.toDownstream(
            new UpstreamObject(
                "root", "", "v1", "services", Objects.json(svc.formatted("10.1.2.3", "10.1.2.3"))));
    assertFalse(normal.path("spec").has("clusterIP"));
    assertFalse(normal.path("spec").has("clusterIPs"));
    ObjectNode headless =
        mapper.toDownstream(
            new UpstreamObject(
                "root", "", "v1", "services", Objects.json(svc.formatted("None", "None"))));
    assertEquals("None", Json.text(headless, "spec", "clusterIP"));
  }

  @Test
  void dropsPodNodeNameAndGeneratedJobSelector() {
    ObjectNode pod =
        mapper.toDownstream(
            new UpstreamObject(
                "root",
                "",
                "v1",
                "pods",
                Objects.json(
                    "{'kind':'Pod','metadata':{'name':'p','namespace':'n'},'spec':{'nodeName':'hub-node','containers':[]}}")));
    assertFalse(pod.path("spec").has("nodeName"));
    ObjectNode job =
        mapper.toDownstream(
            new UpstreamObject(
                "root",
                "batch",
                "v1",
                "jobs",
                Objects.json(
                    "{'kind':'Job','metadata':{'name':'j','namespace':'n'},'spec':{'selector':{'matchLabels':{'controller-uid':'x'}},'template':{'metadata':{'labels':{'controller-uid':'x','batch.kubernetes.io/job-name':'j','app':'a'}}}}}")));
    assertFalse(job.path("spec").has("selector"));
    assertEquals(
        "{\"app\":\"a\"}",
        Json.write(job.path("spec").path("template").path("metadata").path("labels")));
  }

  @Test
  void namespaceCarriesLocatorAndLabel() {
    ObjectNode ns = mapper.namespace("root:acme", "app");
    assertEquals(
        Workload.downstreamNamespace("root:acme", "app"), Json.text(ns, "metadata", "name"));
    ObjectNode locator =
        Json.parse(Json.text(ns, "metadata", "annotations", Workload.NAMESPACE_LOCATOR));
    assertEquals("root:acme", locator.get("workspace").asText());
    assertEquals("app", locator.get("namespace").asText());
    assertEquals("abc", Json.text(ns, "metadata", "labels", Workload.SYNC_TARGET_LABEL));
  }

  @Test
  void desiredHashChangesWhenAFieldIsRemovedUpstream() {
    UpstreamObject up = Objects.deployment("root:acme", "app", "web");
    String before =
        Json.text(
            mapper.toDownstream(up),
            "metadata",
            "annotations",
            DownstreamMapper.DESIRED_HASH_ANNOTATION);
    ((ObjectNode) up.object().get("metadata").get("labels")).remove("app");
    String after =
        Json.text(
            mapper.toDownstream(up),
            "metadata",
            "annotations",
            DownstreamMapper.DESIRED_HASH_ANNOTATION);
    assertNotEquals(before, after);
  }

  @Test
  void statusChangesUpstreamDoNotChangeTheDesiredObject() {
    UpstreamObject up = Objects.deployment("root:acme", "app", "web");
    ObjectNode before = mapper.toDownstream(up);
    ((ObjectNode) up.object().get("status")).put("replicas", 9);
    ((ObjectNode) up.object().at("/metadata/annotations"))
        .put(Workload.statusAnnotation("abc"), "{}")
        .put(Workload.PLACED_ANNOTATION, "abc");
    ((ObjectNode) up.object().get("metadata")).put("resourceVersion", "99");
    assertEquals(before, mapper.toDownstream(up));
  }

  @Test
  void crdKeepsItsNameAndLosesServerFields() {
    ObjectNode crd =
        mapper.crd(
            Objects.json(
                "{'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition','metadata':{'name':'caches.x.io','uid':'u','resourceVersion':'3','annotations':{'atrium.dev/path':'root'}},'spec':{'group':'x.io'},'status':{'acceptedNames':{}}}"));
    assertEquals("caches.x.io", Json.text(crd, "metadata", "name"));
    assertFalse(crd.has("status"));
    assertFalse(crd.path("metadata").has("uid"));
    assertTrue(crd.path("metadata").path("labels").has(Workload.SYNC_TARGET_LABEL));
    assertFalse(crd.path("metadata").path("annotations").has("atrium.dev/path"));
  }
}
