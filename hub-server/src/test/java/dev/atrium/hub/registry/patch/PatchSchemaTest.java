package dev.atrium.hub.registry.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.hub.registry.patch.PatchSchema.Node;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PatchSchemaTest {

  private static Node kind(String group, String version, String kind) {
    return PatchSchema.forKind(group, version, kind)
        .orElseThrow(() -> new AssertionError("no schema for " + kind));
  }

  @Test
  void deploymentContainersMergeByName() {
    Node containers =
        kind("apps", "v1", "Deployment")
            .field("spec")
            .field("template")
            .field("spec")
            .field("containers");
    assertTrue(containers.isKnown());
    assertTrue(containers.isList());
    assertEquals(Optional.of("merge"), containers.patchStrategy());
    assertEquals(Optional.of("name"), containers.patchMergeKey());
    assertEquals(Optional.of("map"), containers.listType());
    assertEquals(List.of("name"), containers.listMapKeys());
    assertEquals(Optional.of("io.k8s.api.core.v1.Container"), containers.items().definitionName());
  }

  @Test
  void podVolumesMergeAndRetainKeys() {
    Node volumes = kind("", "v1", "Pod").at("/spec/volumes");
    assertTrue(volumes.isList());
    assertEquals(Optional.of("merge,retainKeys"), volumes.patchStrategy());
    assertEquals(List.of("merge", "retainKeys"), volumes.patchStrategies());
    assertTrue(volumes.hasPatchStrategy("retainKeys"));
    assertEquals(Optional.of("name"), volumes.patchMergeKey());
    assertTrue(volumes.items().field("configMap").isObject());
  }

  @Test
  void containerPortsMergeByContainerPort() {
    Node ports =
        PatchSchema.forDefinition("io.k8s.api.core.v1.PodSpec")
            .orElseThrow()
            .field("containers")
            .items()
            .field("ports");
    assertEquals(Optional.of("containerPort"), ports.patchMergeKey());
    assertEquals(Optional.of("merge"), ports.patchStrategy());
    assertEquals(List.of("containerPort", "protocol"), ports.listMapKeys());
    Node viaPointer = kind("apps", "v1", "Deployment").at("/spec/template/spec/containers/0/ports");
    assertEquals(Optional.of("containerPort"), viaPointer.patchMergeKey());
  }

  @Test
  void configMapDataIsAMap() {
    Node data = kind("", "v1", "ConfigMap").field("data");
    assertTrue(data.isMap());
    assertFalse(data.isList());
    assertFalse(data.isObject());
    assertTrue(data.items().isKnown());
    assertTrue(data.field("any-key").isKnown());
    assertTrue(kind("", "v1", "ConfigMap").at("/metadata/labels").isMap());
  }

  @Test
  void deploymentStrategyRetainsKeys() {
    Node strategy = kind("apps", "v1", "Deployment").at("/spec/strategy");
    assertEquals(Optional.of("retainKeys"), strategy.patchStrategy());
    assertTrue(strategy.isObject());
    assertTrue(strategy.field("rollingUpdate").isObject());
  }

  @Test
  void serviceSpecPortsMergeByPort() {
    Node ports = kind("", "v1", "Service").at("/spec/ports");
    assertEquals(Optional.of("port"), ports.patchMergeKey());
    assertEquals(List.of("port", "protocol"), ports.listMapKeys());
  }

  @Test
  void finalizersArePrimitiveMergeLists() {
    Node finalizers = kind("", "v1", "Namespace").at("/metadata/finalizers");
    assertTrue(finalizers.isList());
    assertEquals(Optional.of("merge"), finalizers.patchStrategy());
    assertEquals(Optional.empty(), finalizers.patchMergeKey());
    assertEquals(Optional.of("set"), finalizers.listType());
    assertFalse(finalizers.items().isObject());
  }

  @Test
  void groupsAreResolved() {
    assertTrue(PatchSchema.forKind("networking.k8s.io", "v1", "Ingress").isPresent());
    assertTrue(PatchSchema.forKind("batch", "v1", "CronJob").isPresent());
    assertTrue(PatchSchema.forKind("rbac.authorization.k8s.io", "v1", "Role").isPresent());
    assertFalse(PatchSchema.forKind("", "v1", "Deployment").isPresent());
    assertFalse(PatchSchema.forKind("apps", "v1", "Pod").isPresent());
    assertFalse(PatchSchema.forKind("example.com", "v1", "Widget").isPresent());
  }

  @Test
  void unknownFieldsStayUnknown() {
    Node unknown = kind("", "v1", "Pod").field("spec").field("noSuchField");
    assertFalse(unknown.isKnown());
    assertFalse(unknown.field("deeper").items().isKnown());
    assertEquals(Optional.empty(), unknown.patchStrategy());
    assertEquals(List.of(), unknown.listMapKeys());
    assertFalse(PatchSchema.unknown().isList());
  }
}
