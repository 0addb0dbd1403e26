package dev.atrium.hub.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.model.catalog.BuiltinCatalog;
import dev.atrium.model.catalog.ResourceType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiV3Test {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DEPLOYMENT = "io.k8s.api.apps.v1.Deployment";
  private static final String ITEM_PATH = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}";

  private static OpenApiV3 openApi;
  private static SortedMap<String, OpenApiDocument> documents;
  private static long buildMillis;

  @BeforeAll
  static void build() {
    openApi = new OpenApiV3();
    long start = System.nanoTime();
    documents = openApi.documents("root", BuiltinCatalog.all(), CustomSchemaSource.NONE);
    buildMillis = (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * A cold build of every built-in document takes about 1.5 s on an idle 2-core machine; the bound
   * leaves room for a loaded CI machine while still catching an accidental blow-up.
   */
  @Test
  void buildsAllDocumentsQuickly() {
    assertTrue(buildMillis < 8000, "built in " + buildMillis + " ms");
  }

  @Test
  void indexListsEveryGroupVersionWithHashedUrls() throws IOException {
    JsonNode paths = json(openApi.index("", documents)).get("paths");
    assertEquals(
        "/openapi/v3/api/v1?hash=" + documents.get("api/v1").hash(),
        paths.path("api/v1").path("serverRelativeURL").asText());
    assertEquals(
        "/openapi/v3/apis/apps/v1?hash=" + documents.get("apis/apps/v1").hash(),
        paths.path("apis/apps/v1").path("serverRelativeURL").asText());
    assertTrue(paths.has("apis/rbac.authorization.k8s.io/v1"));
    assertTrue(documents.get("apis/apps/v1").hash().matches("[0-9A-F]{128}"));
  }

  @Test
  void indexKeepsTheClusterPrefix() throws IOException {
    JsonNode paths = json(openApi.index("/clusters/root:a", documents)).get("paths");
    assertTrue(
        paths
            .path("apis/apps/v1")
            .path("serverRelativeURL")
            .asText()
            .startsWith("/clusters/root:a/openapi/v3/apis/apps/v1?hash="));
  }

  @Test
  void prefixDependsOnHowTheRequestCameIn() {
    assertEquals("", OpenApiV3.prefix("root", "/openapi/v3"));
    assertEquals("/clusters/root", OpenApiV3.prefix("root", "/clusters/root/openapi/v3"));
    assertEquals("/clusters/root:a", OpenApiV3.prefix("root:a", "/clusters/root:a/openapi/v3"));
  }

  @Test
  void deploymentPatchOperationTellsKubectlWhatItNeeds() throws IOException {
    JsonNode doc = json(documents.get("apis/apps/v1"));
    assertEquals("3.0.0", doc.path("openapi").asText());
    JsonNode patch = doc.path("paths").path(ITEM_PATH).path("patch");
    JsonNode gvk = patch.path("x-kubernetes-group-version-kind");
    assertEquals("apps", gvk.path("group").asText());
    assertEquals("v1", gvk.path("version").asText());
    assertEquals("Deployment", gvk.path("kind").asText());
    assertEquals("patch", patch.path("x-kubernetes-action").asText());
    List<String> params = new ArrayList<>();
    patch
        .path("parameters")
        .forEach(p -> params.add(p.path("in").asText() + ":" + p.path("name").asText()));
    assertTrue(
        params.containsAll(
            List.of("query:fieldValidation", "query:fieldManager", "query:force", "query:dryRun")),
        params.toString());
    JsonNode content = patch.path("requestBody").path("content");
    for (String type :
        List.of(
            "application/strategic-merge-patch+json",
            "application/merge-patch+json",
            "application/json-patch+json",
            "application/apply-patch+yaml")) {
      assertEquals(
          "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
          content.path(type).path("schema").path("$ref").asText(),
          type);
    }
    assertTrue(
        doc.path("components").path("schemas").has("io.k8s.apimachinery.pkg.apis.meta.v1.Patch"));
  }

  @Test
  void postAndPutListFieldValidation() throws IOException {
    JsonNode paths = json(documents.get("apis/apps/v1")).path("paths");
    assertTrue(
        hasParam(
            paths.path("/apis/apps/v1/namespaces/{namespace}/deployments").path("post"),
            "fieldValidation"));
    assertTrue(hasParam(paths.path(ITEM_PATH).path("put"), "fieldValidation"));
    assertEquals(
        "list",
        paths.path("/apis/apps/v1/deployments").path("get").path("x-kubernetes-action").asText());
    assertEquals(
        "Scale",
        paths
            .path(ITEM_PATH + "/scale")
            .path("patch")
            .path("x-kubernetes-group-version-kind")
            .path("kind")
            .asText());
  }

  @Test
  void deploymentSchemaResolvesDownToContainers() throws IOException {
    JsonNode schemas = json(documents.get("apis/apps/v1")).path("components").path("schemas");
    JsonNode deployment = schemas.path(DEPLOYMENT);
    JsonNode gvk = deployment.path("x-kubernetes-group-version-kind");
    assertTrue(gvk.isArray());
    assertEquals("apps", gvk.get(0).path("group").asText());
    assertEquals("Deployment", gvk.get(0).path("kind").asText());

    JsonNode spec = resolve(schemas, deployment.path("properties").path("spec"));
    JsonNode template = resolve(schemas, spec.path("properties").path("template"));
    JsonNode podSpec = resolve(schemas, template.path("properties").path("spec"));
    JsonNode containers = podSpec.path("properties").path("containers");
    assertEquals("name", containers.path("x-kubernetes-patch-merge-key").asText());
    assertEquals("merge", containers.path("x-kubernetes-patch-strategy").asText());
    assertEquals("map", containers.path("x-kubernetes-list-type").asText());
    JsonNode container = resolve(schemas, containers.path("items"));
    assertTrue(container.path("properties").has("image"));
    assertTrue(schemas.has("io.k8s.api.core.v1.Container"));
    assertFalse(deployment.has("x-fabric8-info"));
    assertFalse(documents.get("apis/apps/v1").text().contains("#/definitions/"));
  }

  @Test
  void coreDocumentHasConfigMapsAndStatus() throws IOException {
    JsonNode doc = json(documents.get("api/v1"));
    assertTrue(doc.path("paths").has("/api/v1/namespaces/{namespace}/configmaps/{name}"));
    assertTrue(doc.path("paths").has("/api/v1/namespaces/{name}"));
    JsonNode schemas = doc.path("components").path("schemas");
    assertEquals(
        "ConfigMap",
        schemas
            .path("io.k8s.api.core.v1.ConfigMap")
            .path("x-kubernetes-group-version-kind")
            .get(0)
            .path("kind")
            .asText());
    assertTrue(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"));
    assertTrue(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.Status"));
  }

  @Test
  void hashChangesWithTheDocument() {
    List<ResourceType> apps = appsTypes();
    OpenApiDocument all = openApi.document("apps", "v1", apps, Map.of());
    OpenApiDocument fewer = openApi.document("apps", "v1", apps.subList(0, 1), Map.of());
    assertNotEquals(all.hash(), fewer.hash());
    assertEquals(all.hash(), openApi.document("apps", "v1", apps, Map.of()).hash());
    assertEquals(documents.get("apis/apps/v1").hash(), all.hash());
  }

  @Test
  void customResourcesUseTheirSchemaAndNoStrategicMerge() throws IOException {
    ResourceType crontab =
        new ResourceType(
            "stable.example.com",
            "v1",
            "CronTab",
            "crontabs",
            "crontab",
            List.of("ct"),
            List.of(),
            true,
            BuiltinCatalog.all().get(1).verbs(),
            List.of("status"),
            List.of());
    JsonNode schema =
        MAPPER.readTree(
            "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
                + "\"properties\":{\"cronSpec\":{\"type\":\"string\"}}}}}");
    OpenApiDocument doc =
        openApi.document("stable.example.com", "v1", List.of(crontab), Map.of("CronTab", schema));
    JsonNode tree = json(doc);
    JsonNode patch =
        tree.path("paths")
            .path("/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}")
            .path("patch");
    assertEquals("CronTab", patch.path("x-kubernetes-group-version-kind").path("kind").asText());
    assertTrue(hasParam(patch, "fieldValidation"));
    JsonNode content = patch.path("requestBody").path("content");
    assertTrue(content.has("application/merge-patch+json"));
    assertFalse(content.has("application/strategic-merge-patch+json"));

    JsonNode schemas = tree.path("components").path("schemas");
    JsonNode kind = schemas.path("com.example.stable.v1.CronTab");
    assertEquals(
        "stable.example.com",
        kind.path("x-kubernetes-group-version-kind").get(0).path("group").asText());
    assertEquals(
        "string",
        kind.path("properties")
            .path("spec")
            .path("properties")
            .path("cronSpec")
            .path("type")
            .asText());
    assertEquals(
        "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        kind.path("properties").path("metadata").path("allOf").get(0).path("$ref").asText());
    assertTrue(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
    assertTrue(schemas.has("com.example.stable.v1.CronTabList"));
    assertFalse(schema.path("properties").has("metadata"), "the caller's schema is left alone");
  }

  @Test
  void kindsWithoutAnySchemaStillGetPaths() throws IOException {
    JsonNode doc = json(documents.get("apis/apiextensions.k8s.io/v1"));
    JsonNode patch =
        doc.path("paths")
            .path("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{name}")
            .path("patch");
    assertEquals(
        "CustomResourceDefinition",
        patch.path("x-kubernetes-group-version-kind").path("kind").asText());
    assertFalse(
        patch.path("requestBody").path("content").has("application/strategic-merge-patch+json"));
  }

  private static List<ResourceType> appsTypes() {
    return BuiltinCatalog.all().stream().filter(t -> t.group().equals("apps")).toList();
  }

  private static boolean hasParam(JsonNode op, String name) {
    for (JsonNode p : op.path("parameters")) {
      if (p.path("name").asText().equals(name) && p.path("in").asText().equals("query")) {
        return true;
      }
    }
    return false;
  }

  /** Follows a property's {@code $ref} or {@code allOf:[{$ref}]} to its component schema. */
  private static JsonNode resolve(JsonNode schemas, JsonNode property) {
    JsonNode ref =
        property.has("allOf") ? property.path("allOf").get(0).path("$ref") : property.path("$ref");
    String name = ref.asText().substring("#/components/schemas/".length());
    JsonNode target = schemas.get(name);
    assertNotNull(target, name);
    return target;
  }

  /** Atrium's kinds are served with the schemas generated from their workspace-model records. */
  @Test
  void atriumKindsHaveTheirGeneratedSchemas() throws IOException {
    for (dev.atrium.model.meta.AtriumKinds.Kind kind : dev.atrium.model.meta.AtriumKinds.all()) {
      JsonNode doc = json(documents.get("apis/" + kind.group() + "/" + kind.version()));
      Gvk gvk = new Gvk(kind.group(), kind.version(), kind.kind());
      JsonNode schema =
          doc.path("components").path("schemas").path(ApiGroups.customDefinition(gvk));
      JsonNode properties = schema.path("properties");
      assertFalse(schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(), kind.kind());
      assertFalse(schema.path("description").asText().isEmpty(), kind.kind());
      assertEquals("object", properties.path("spec").path("type").asText(), kind.kind());
      assertFalse(properties.path("spec").path("description").asText().isEmpty(), kind.kind());
      assertTrue(properties.path("metadata").toString().contains("ObjectMeta"), kind.kind());
    }
    JsonNode tenancy = json(documents.get("apis/tenancy.atrium.dev/v1alpha1"));
    JsonNode workspace =
        tenancy.path("components").path("schemas").path("dev.atrium.tenancy.v1alpha1.Workspace");
    assertTrue(
        workspace
            .path("properties")
            .path("spec")
            .path("properties")
            .path("type")
            .path("description")
            .asText()
            .contains("WorkspaceType"));
    assertTrue(workspace.path("properties").path("status").path("properties").has("URL"));
  }

  private static JsonNode json(OpenApiDocument doc) throws IOException {
    return MAPPER.readTree(doc.body());
  }
}
