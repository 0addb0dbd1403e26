package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fabric8 client's write paths that real operators use: server-side apply with field managers,
 * conflicts and force; and CRDs served to {@link GenericKubernetesResource} clients.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Fabric8ApplyIT {

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

  // ---------------------------------------------------------------------------------------------
  // Server-side apply
  // ---------------------------------------------------------------------------------------------

  private static ConfigMap settings(Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("settings")
        .endMetadata()
        .withData(data)
        .build();
  }

  @Test
  void serverSideApplyConfigMapConflictAndForce() {
    String ns = namespace("f8-ssa-cm");
    var cms = client.configMaps().inNamespace(ns);

    ConfigMap applied =
        cms.resource(settings(Map.of("color", "red", "size", "small")))
            .fieldManager("a")
            .serverSideApply();
    assertNotNull(applied.getMetadata().getUid(), "apply creates the missing object");
    assertEquals("red", applied.getData().get("color"));
    Map<String, ManagedFieldsEntry> managers = managers(applied.getMetadata().getManagedFields());
    assertEquals("Apply", managers.get("a").getOperation(), managers::toString);
    assertTrue(owns(managers.get("a"), "f:data", "f:color"), () -> fields(managers.get("a")));
    assertTrue(owns(managers.get("a"), "f:data", "f:size"), () -> fields(managers.get("a")));

    // Re-applying the same configuration is a no-op for the stored object.
    ConfigMap again =
        cms.resource(settings(Map.of("color", "red", "size", "small")))
            .fieldManager("a")
            .serverSideApply();
    assertEquals(
        applied.getMetadata().getResourceVersion(), again.getMetadata().getResourceVersion());

    // A second manager setting the same field to a different value conflicts.
    KubernetesClientException conflict =
        assertThrows(
            KubernetesClientException.class,
            () ->
                cms.resource(settings(Map.of("color", "blue")))
                    .fieldManager("b")
                    .serverSideApply());
    assertEquals(409, conflict.getCode(), conflict::getMessage);
    assertNotNull(conflict.getStatus(), conflict::getMessage);
    assertEquals("Conflict", conflict.getStatus().getReason());
    List<StatusCause> causes = conflict.getStatus().getDetails().getCauses();
    assertEquals(1, causes.size(), causes::toString);
    assertEquals("FieldManagerConflict", causes.get(0).getReason());
    assertEquals(".data.color", causes.get(0).getField());
    assertTrue(causes.get(0).getMessage().contains("\"a\""), causes.get(0)::getMessage);
    assertEquals("red", cms.withName("settings").get().getData().get("color"));

    // The same value as the current owner is no conflict: both become co-owners.
    ConfigMap shared =
        cms.resource(settings(Map.of("size", "small"))).fieldManager("b").serverSideApply();
    managers.clear();
    managers.putAll(managers(shared.getMetadata().getManagedFields()));
    assertTrue(owns(managers.get("a"), "f:data", "f:size"), () -> fields(managers.get("a")));
    assertTrue(owns(managers.get("b"), "f:data", "f:size"), () -> fields(managers.get("b")));

    // Forcing takes the field over.
    ConfigMap forced =
        cms.resource(settings(Map.of("color", "blue", "size", "small")))
            .fieldManager("b")
            .forceConflicts()
            .serverSideApply();
    assertEquals("blue", forced.getData().get("color"));
    Map<String, ManagedFieldsEntry> after = managers(forced.getMetadata().getManagedFields());
    assertTrue(owns(after.get("b"), "f:data", "f:color"), () -> fields(after.get("b")));
    assertFalse(owns(after.get("a"), "f:data", "f:color"), () -> fields(after.get("a")));
    assertTrue(owns(after.get("a"), "f:data", "f:size"), () -> fields(after.get("a")));
    ConfigMap stored = cms.withName("settings").get();
    assertEquals(Map.of("color", "blue", "size", "small"), stored.getData());

    // Manager "a" drops "size" from its configuration; "b" still owns it, so it stays.
    cms.resource(settings(Map.of())).fieldManager("a").serverSideApply();
    assertEquals("small", cms.withName("settings").get().getData().get("size"));
    // Once "b" drops it too, nobody owns it and it is removed.
    cms.resource(settings(Map.of("color", "blue"))).fieldManager("b").serverSideApply();
    assertEquals(Map.of("color", "blue"), cms.withName("settings").get().getData());
  }

  private static Deployment web(int replicas, String image) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("web")
        .addToLabels("app", "web")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", "web")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "web")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  @Test
  void serverSideApplyDeploymentConflictAndForce() {
    String ns = namespace("f8-ssa-deploy");
    var deployments = client.apps().deployments().inNamespace(ns);

    Deployment created =
        deployments.resource(web(2, "nginx:1.25")).fieldManager("a").serverSideApply();
    assertEquals(2, created.getSpec().getReplicas());
    assertEquals(1L, created.getMetadata().getGeneration());

    KubernetesClientException conflict =
        assertThrows(
            KubernetesClientException.class,
            () -> deployments.resource(web(3, "nginx:1.27")).fieldManager("b").serverSideApply());
    assertEquals(409, conflict.getCode(), conflict::getMessage);
    Set<String> conflicting =
        conflict.getStatus().getDetails().getCauses().stream()
            .peek(c -> assertEquals("FieldManagerConflict", c.getReason(), c::toString))
            .map(StatusCause::getField)
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(".spec.replicas", ".spec.template.spec.containers[name=\"main\"].image"),
        conflicting);
    Deployment unchanged = deployments.withName("web").get();
    assertEquals(2, unchanged.getSpec().getReplicas());
    assertEquals(
        "nginx:1.25",
        unchanged.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());

    Deployment forced =
        deployments
            .resource(web(3, "nginx:1.27"))
            .fieldManager("b")
            .forceConflicts()
            .serverSideApply();
    assertEquals(3, forced.getSpec().getReplicas());
    assertEquals(
        "nginx:1.27", forced.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals(2L, forced.getMetadata().getGeneration());
    Map<String, ManagedFieldsEntry> managers = managers(forced.getMetadata().getManagedFields());
    assertEquals("Apply", managers.get("b").getOperation());
    assertTrue(owns(managers.get("b"), "f:spec", "f:replicas"), () -> fields(managers.get("b")));
    assertFalse(owns(managers.get("a"), "f:spec", "f:replicas"), () -> fields(managers.get("a")));
    assertTrue(
        owns(
            managers.get("b"),
            "f:spec",
            "f:template",
            "f:spec",
            "f:containers",
            "k:{\"name\":\"main\"}",
            "f:image"),
        () -> fields(managers.get("b")));
    // Both still co-own the container list entry (same name) and the selector.
    assertTrue(owns(managers.get("a"), "f:spec", "f:selector"), () -> fields(managers.get("a")));
    assertTrue(
        owns(
            managers.get("a"),
            "f:spec",
            "f:template",
            "f:spec",
            "f:containers",
            "k:{\"name\":\"main\"}",
            "f:name"),
        () -> fields(managers.get("a")));

    // An ordinary update by a third manager is recorded as an Update operation.
    Deployment edited =
        deployments
            .withName("web")
            .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(5).endSpec().build());
    assertEquals(5, edited.getSpec().getReplicas());
    Map<String, ManagedFieldsEntry> afterEdit = managers(edited.getMetadata().getManagedFields());
    assertTrue(
        afterEdit.values().stream()
            .anyMatch(e -> "Update".equals(e.getOperation()) && owns(e, "f:spec", "f:replicas")),
        afterEdit::toString);
    assertFalse(owns(afterEdit.get("b"), "f:spec", "f:replicas"), () -> fields(afterEdit.get("b")));
  }

  private static Map<String, ManagedFieldsEntry> managers(List<ManagedFieldsEntry> entries) {
    assertNotNull(entries, "managedFields");
    Map<String, ManagedFieldsEntry> out = new HashMap<>();
    for (ManagedFieldsEntry e : entries) {
      assertEquals("FieldsV1", e.getFieldsType(), e::toString);
      out.put(e.getManager(), e);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static boolean owns(ManagedFieldsEntry entry, String... path) {
    if (entry == null || entry.getFieldsV1() == null) {
      return false;
    }
    Object node = entry.getFieldsV1().getAdditionalProperties();
    for (String step : path) {
      if (!(node instanceof Map<?, ?> map) || !map.containsKey(step)) {
        return false;
      }
      node = ((Map<String, Object>) map).get(step);
    }
    return true;
  }

  private static String fields(ManagedFieldsEntry entry) {
    return entry == null ? "no such manager" : String.valueOf(entry.getFieldsV1());
  }

  // ---------------------------------------------------------------------------------------------
  // CRDs + GenericKubernetesResource
  // ---------------------------------------------------------------------------------------------

  private static final String GADGET_CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: gadgets.fabric8.example.com
      spec:
        group: fabric8.example.com
        scope: Namespaced
        names:
          plural: gadgets
          singular: gadget
          kind: Gadget
          listKind: GadgetList
          shortNames: [gd]
        versions:
        - name: v1
          served: true
          storage: true
          subresources:
            status: {}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  required: [size]
                  properties:
                    size:
                      type: integer
                      minimum: 1
                      maximum: 10
                    color:
                      type: string
                      default: blue
                      enum: [red, green, blue]
                    enabled:
                      type: boolean
                      default: true
                status:
                  type: object
                  properties:
                    phase:
                      type: string
                    observed:
                      type: integer
      """;

  private static final String API_VERSION = "fabric8.example.com/v1";

  private static GenericKubernetesResource gadget(String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind("Gadget")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }

  @Test
  void customResourceDefinitionAndGenericResourcesRoundTrip() {
    CustomResourceDefinition crd =
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .load(new ByteArrayInputStream(GADGET_CRD.getBytes(StandardCharsets.UTF_8)))
            .item();
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    CustomResourceDefinition established =
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("gadgets.fabric8.example.com")
            .waitUntilCondition(
                c ->
                    c != null
                        && c.getStatus() != null
                        && c.getStatus().getConditions() != null
                        && c.getStatus().getConditions().stream()
                            .anyMatch(
                                cond ->
                                    "Established".equals(cond.getType())
                                        && "True".equals(cond.getStatus())),
                30,
                TimeUnit.SECONDS);
    assertTrue(
        established.getStatus().getConditions().stream()
            .anyMatch(c -> "NamesAccepted".equals(c.getType()) && "True".equals(c.getStatus())),
        () -> established.getStatus().getConditions().toString());
    assertEquals("gadgets", established.getStatus().getAcceptedNames().getPlural());

    String ns = namespace("f8-gadgets");
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        gadgets = client.genericKubernetesResources(API_VERSION, "Gadget");

    // Create, with schema defaulting.
    GenericKubernetesResource created =
        gadgets.inNamespace(ns).resource(gadget("g1", Map.of("size", 3))).create();
    assertNotNull(created.getMetadata().getUid());
    assertEquals(1L, created.getMetadata().getGeneration());
    assertEquals(ns, created.getMetadata().getNamespace());
    assertEquals(API_VERSION, created.getApiVersion());
    assertEquals("Gadget", created.getKind());
    assertEquals(3, ((Number) created.get("spec", "size")).intValue());
    assertEquals("blue", created.get("spec", "color"));
    assertEquals(Boolean.TRUE, created.get("spec", "enabled"));

    gadgets
        .inNamespace(ns)
        .resource(gadget("g2", Map.of("size", 7, "color", "red", "enabled", false)))
        .create();

    // Get and list.
    GenericKubernetesResource read = gadgets.inNamespace(ns).withName("g1").get();
    assertEquals(
        created.getMetadata().getResourceVersion(), read.getMetadata().getResourceVersion());
    assertEquals("blue", read.get("spec", "color"));
    GenericKubernetesResourceList list = gadgets.inNamespace(ns).list();
    assertEquals(
        Set.of("g1", "g2"),
        list.getItems().stream().map(g -> g.getMetadata().getName()).collect(Collectors.toSet()));
    assertNotNull(list.getMetadata().getResourceVersion());
    assertTrue(
        gadgets.inAnyNamespace().list().getItems().stream()
            .anyMatch(g -> g.getMetadata().getName().equals("g2")));
    assertNull(gadgets.inNamespace(ns).withName("missing").get());

    // Update of the main resource: spec changes bump generation; status is ignored there.
    Map<String, Object> spec = new HashMap<>(read.get("spec"));
    spec.put("size", 4);
    read.setAdditionalProperty("spec", spec);
    read.setAdditionalProperty("status", Map.of("phase", "Ignored"));
    GenericKubernetesResource updated = gadgets.inNamespace(ns).resource(read).update();
    assertEquals(4, ((Number) updated.get("spec", "size")).intValue());
    assertEquals(2L, updated.getMetadata().getGeneration());
    assertNull(
        updated.getAdditionalProperties().get("status"),
        "status subresource: main " + "endpoint must not write status");
    assertNotEquals(
        read.getMetadata().getResourceVersion(), updated.getMetadata().getResourceVersion());

    // Status update through the status subresource: status stored, spec change ignored,
    // generation unchanged.
    Map<String, Object> changedSpec = new HashMap<>(updated.get("spec"));
    changedSpec.put("size", 9);
    updated.setAdditionalProperty("spec", changedSpec);
    updated.setAdditionalProperty("status", Map.of("phase", "Ready", "observed", 2));
    GenericKubernetesResource withStatus = gadgets.inNamespace(ns).resource(updated).updateStatus();
    assertEquals("Ready", withStatus.get("status", "phase"));
    assertEquals(2, ((Number) withStatus.get("status", "observed")).intValue());
    assertEquals(4, ((Number) withStatus.get("spec", "size")).intValue());
    assertEquals(2L, withStatus.getMetadata().getGeneration());

    GenericKubernetesResource edited =
        gadgets
            .inNamespace(ns)
            .withName("g1")
            .editStatus(
                g -> {
                  g.setAdditionalProperty("status", Map.of("phase", "Done", "observed", 3));
                  return g;
                });
    assertEquals("Done", edited.get("status", "phase"));
    GenericKubernetesResource reread = gadgets.inNamespace(ns).withName("g1").get();
    assertEquals("Done", reread.get("status", "phase"));
    assertEquals(4, ((Number) reread.get("spec", "size")).intValue());

    // Invalid values are rejected with 422 Invalid and a field path.
    KubernetesClientException tooBig =
        assertThrows(
            KubernetesClientException.class,
            () -> gadgets.inNamespace(ns).resource(gadget("bad", Map.of("size", 42))).create());
    assertEquals(422, tooBig.getCode(), tooBig::getMessage);
    assertEquals("Invalid", tooBig.getStatus().getReason());
    assertTrue(
        tooBig.getStatus().getDetails().getCauses().stream()
            .anyMatch(c -> "spec.size".equals(c.getField())),
        () -> tooBig.getStatus().toString());
    KubernetesClientException wrongType =
        assertThrows(
            KubernetesClientException.class,
            () -> gadgets.inNamespace(ns).resource(gadget("bad", Map.of("size", "big"))).create());
    assertEquals(422, wrongType.getCode(), wrongType::getMessage);
    KubernetesClientException badEnum =
        assertThrows(
            KubernetesClientException.class,
            () ->
                gadgets
                    .inNamespace(ns)
                    .resource(gadget("bad", Map.of("size", 2, "color", "purple")))
                    .create());
    assertEquals(422, badEnum.getCode(), badEnum::getMessage);
    assertTrue(badEnum.getMessage().contains("spec.color"), badEnum::getMessage);
    KubernetesClientException missing =
        assertThrows(
            KubernetesClientException.class,
            () -> gadgets.inNamespace(ns).resource(gadget("bad", Map.of())).create());
    assertEquals(422, missing.getCode(), missing::getMessage);
    assertTrue(missing.getMessage().contains("spec.size"), missing::getMessage);
    assertNull(gadgets.inNamespace(ns).withName("bad").get());
    // Invalid update is rejected too, and leaves the stored object alone.
    KubernetesClientException badUpdate =
        assertThrows(
            KubernetesClientException.class,
            () ->
                gadgets
                    .inNamespace(ns)
                    .withName("g2")
                    .edit(
                        g -> {
                          Map<String, Object> s = new HashMap<>(g.get("spec"));
                          s.put("size", 0);
                          g.setAdditionalProperty("spec", s);
                          return g;
                        }));
    assertEquals(422, badUpdate.getCode(), badUpdate::getMessage);
    assertEquals(
        7, ((Number) gadgets.inNamespace(ns).withName("g2").get().get("spec", "size")).intValue());

    // Server-side apply works on custom resources too.
    GenericKubernetesResource applied =
        gadgets
            .inNamespace(ns)
            .resource(gadget("g3", Map.of("size", 5, "color", "green")))
            .fieldManager("f8")
            .serverSideApply();
    assertEquals("green", applied.get("spec", "color"));
    assertEquals(Boolean.TRUE, applied.get("spec", "enabled"));

    // Delete.
    assertFalse(gadgets.inNamespace(ns).withName("g1").delete().isEmpty());
    assertNull(gadgets.inNamespace(ns).withName("g1").get());
    assertEquals(
        Set.of("g2", "g3"),
        gadgets.inNamespace(ns).list().getItems().stream()
            .map(g -> g.getMetadata().getName())
            .collect(Collectors.toSet()));
    gadgets.inNamespace(ns).withName("g2").delete();
    gadgets.inNamespace(ns).withName("g3").delete();
    assertTrue(gadgets.inNamespace(ns).list().getItems().isEmpty());

    // Deleting the CRD removes the API.
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("gadgets.fabric8.example.com")
        .delete();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("gadgets.fabric8.example.com")
        .waitUntilCondition(c -> c == null, 30, TimeUnit.SECONDS);
  }
}
