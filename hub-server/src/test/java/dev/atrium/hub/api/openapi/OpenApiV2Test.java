package dev.atrium.hub.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.atrium.hub.api.openapi.OpenApiV2.Negotiation;
import dev.atrium.hub.api.openapi.OpenApiV2.Negotiation.Choice;
import dev.atrium.model.catalog.BuiltinCatalog;
import dev.atrium.model.catalog.ResourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code /openapi/v2} document kubectl 1.27/1.28 read: its JSON (what kube-openapi's proto
 * model and kubectl's field-validation check look at) and its gnostic protobuf encoding, decoded
 * here field by field with the numbers of {@code openapi.v2.Document}.
 */
class OpenApiV2Test {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DEPLOYMENT = "io.k8s.api.apps.v1.Deployment";
  private static final String ITEM_PATH = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}";
  private static final String WIDGET = "com.example.acceptance.v1.Widget";

  private static OpenApiV2 openApi;
  private static OpenApiV2.Document builtIn;
  private static JsonNode doc;
  private static List<ResourceType> withWidgets;
  private static OpenApiV2.Document custom;
  private static JsonNode customDoc;

  @BeforeAll
  static void build() throws IOException {
    openApi = new OpenApiV2(new OpenApiV3());
    builtIn = openApi.document("root", BuiltinCatalog.all(), CustomSchemaSource.NONE);
    doc = MAPPER.readTree(builtIn.json());
    withWidgets = new ArrayList<>(BuiltinCatalog.all());
    withWidgets.add(widgetType("Widget", "widgets"));
    withWidgets.add(widgetType("Gadget", "gadgets"));
    custom = openApi.document("root:a", withWidgets, OpenApiV2Test::widgetSchemas);
    customDoc = MAPPER.readTree(custom.json());
  }

  // ---- JSON -----------------------------------------------------------------------------------

  @Test
  void isSwagger2WithDefinitionsOnly() {
    assertEquals("2.0", doc.path("swagger").asText());
    assertEquals("Kubernetes", doc.path("info").path("title").asText());
    String text = new String(builtIn.json(), StandardCharsets.UTF_8);
    assertFalse(text.contains("#/components/"), "no OpenAPI 3 references");
    assertFalse(text.contains("\"requestBody\""));
    assertFalse(text.contains("\"nullable\""));
    assertTrue(
        doc.path("definitions").size() > 100, "definitions: " + doc.path("definitions").size());
  }

  @Test
  void definitionsCarryTheirKind() {
    JsonNode gvk = doc.path("definitions").path(DEPLOYMENT).path("x-kubernetes-group-version-kind");
    assertTrue(gvk.isArray());
    assertEquals("apps", gvk.get(0).path("group").asText());
    assertEquals("v1", gvk.get(0).path("version").asText());
    assertEquals("Deployment", gvk.get(0).path("kind").asText());
    assertEquals(
        "ConfigMap",
        doc.path("definitions")
            .path("io.k8s.api.core.v1.ConfigMap")
            .path("x-kubernetes-group-version-kind")
            .get(0)
            .path("kind")
            .asText());
  }

  @Test
  void containersKeepThePatchStrategyAndMergeKey() {
    JsonNode definitions = doc.path("definitions");
    JsonNode template =
        definitions.path("io.k8s.api.apps.v1.DeploymentSpec").path("properties").path("template");
    assertEquals(
        "#/definitions/io.k8s.api.core.v1.PodTemplateSpec", template.path("$ref").asText());
    assertTrue(template.has("description"), "v2 keeps siblings of $ref");
    assertFalse(template.has("allOf"));
    JsonNode containers =
        definitions.path("io.k8s.api.core.v1.PodSpec").path("properties").path("containers");
    assertEquals("merge", containers.path("x-kubernetes-patch-strategy").asText());
    assertEquals("name", containers.path("x-kubernetes-patch-merge-key").asText());
    assertEquals(
        "#/definitions/io.k8s.api.core.v1.Container",
        containers.path("items").path("$ref").asText());
  }

  @Test
  void everyReferenceResolves() {
    List<String> dangling = new ArrayList<>();
    collectDangling(doc, doc.path("definitions"), dangling);
    collectDangling(customDoc, customDoc.path("definitions"), dangling);
    assertEquals(List.of(), dangling);
    assertEquals(
        "object",
        doc.path("definitions")
            .path("io.k8s.apimachinery.pkg.runtime.RawExtension")
            .path("type")
            .asText());
  }

  @Test
  void patchOperationListsFieldValidationAndBody() {
    JsonNode patch = doc.path("paths").path(ITEM_PATH).path("patch");
    assertEquals("patch", patch.path("x-kubernetes-action").asText());
    assertEquals("Deployment", patch.path("x-kubernetes-group-version-kind").path("kind").asText());
    assertEquals("apps", patch.path("x-kubernetes-group-version-kind").path("group").asText());
    List<String> params = new ArrayList<>();
    patch
        .path("parameters")
        .forEach(p -> params.add(p.path("in").asText() + ":" + p.path("name").asText()));
    assertEquals("body:body", params.get(0));
    assertTrue(
        params.containsAll(
            List.of("query:fieldValidation", "query:fieldManager", "query:force", "query:dryRun")),
        params.toString());
    JsonNode fieldValidation = param(patch, "fieldValidation");
    assertEquals("string", fieldValidation.path("type").asText());
    assertFalse(fieldValidation.has("schema"), "v2 parameters are not wrapped in a schema");
    assertEquals(
        "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
        param(patch, "body").path("schema").path("$ref").asText());
    List<String> consumes = strings(patch.path("consumes"));
    assertTrue(consumes.contains("application/strategic-merge-patch+json"), consumes.toString());
    assertTrue(consumes.contains("application/apply-patch+yaml"), consumes.toString());
    assertEquals(
        "#/definitions/" + DEPLOYMENT,
        patch.path("responses").path("200").path("schema").path("$ref").asText());
    assertEquals("Unauthorized", patch.path("responses").path("401").path("description").asText());
    assertTrue(strings(patch.path("produces")).contains("application/json"));
  }

  @Test
  void pathsCoverCollectionsItemsSubresourcesAndPathParameters() {
    JsonNode paths = doc.path("paths");
    JsonNode collection = paths.path("/apis/apps/v1/namespaces/{namespace}/deployments");
    assertEquals("post", collection.path("post").path("x-kubernetes-action").asText());
    assertNotNull(param(collection.path("post"), "fieldValidation"));
    assertEquals(List.of("*/*"), strings(collection.path("post").path("consumes")));
    JsonNode namespace = null;
    for (JsonNode p : paths.path(ITEM_PATH).path("parameters")) {
      if (p.path("name").asText().equals("namespace")) {
        namespace = p;
      }
    }
    assertNotNull(namespace);
    assertEquals("path", namespace.path("in").asText());
    assertTrue(namespace.path("required").asBoolean());
    assertEquals("string", namespace.path("type").asText());
    assertEquals(
        "Scale",
        paths
            .path(ITEM_PATH + "/scale")
            .path("patch")
            .path("x-kubernetes-group-version-kind")
            .path("kind")
            .asText());
    assertTrue(paths.has("/api/v1/namespaces/{namespace}/configmaps/{name}"));
    assertTrue(paths.has("/apis/apps/v1/deployments"));
  }

  @Test
  void customKindsAreThereInTheirWorkspaceOnly() {
    assertFalse(doc.path("definitions").has(WIDGET));
    JsonNode widget = customDoc.path("definitions").path(WIDGET);
    assertEquals(
        "acceptance.example.com",
        widget.path("x-kubernetes-group-version-kind").get(0).path("group").asText());
    JsonNode spec = widget.path("properties").path("spec");
    JsonNode size = spec.path("properties").path("size");
    assertEquals("integer", size.path("type").asText());
    assertEquals("How big the widget is.", size.path("description").asText());
    assertEquals("blue", spec.path("properties").path("color").path("default").asText());
    assertEquals(
        "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        widget.path("properties").path("metadata").path("$ref").asText());
    assertTrue(customDoc.path("definitions").has(WIDGET + "List"));
    JsonNode patch =
        customDoc
            .path("paths")
            .path("/apis/acceptance.example.com/v1/namespaces/{namespace}/widgets/{name}")
            .path("patch");
    assertEquals("Widget", patch.path("x-kubernetes-group-version-kind").path("kind").asText());
    assertNotNull(param(patch, "fieldValidation"));
    assertFalse(strings(patch.path("consumes")).contains("application/strategic-merge-patch+json"));
    assertNotEquals(builtIn.etag(), custom.etag());
  }

  @Test
  void structuralSchemasLoseWhatKubectlsV2ModelCannotRead() {
    JsonNode spec = customDoc.path("definitions").path(WIDGET).path("properties").path("spec");
    JsonNode properties = spec.path("properties");
    // x-kubernetes-int-or-string with anyOf: junctors dropped, left untyped.
    JsonNode port = properties.path("port");
    assertFalse(port.has("anyOf"));
    assertFalse(port.has("type"));
    assertTrue(port.path("x-kubernetes-int-or-string").asBoolean());
    // nullable: untyped, no properties, and no longer required.
    JsonNode note = properties.path("note");
    assertFalse(note.has("type"));
    assertFalse(note.has("nullable"));
    assertFalse(note.has("properties"));
    assertEquals(List.of("size"), strings(spec.path("required")));
    // preserve-unknown-fields object: untyped, no properties.
    JsonNode extra = properties.path("extra");
    assertFalse(extra.has("type"));
    assertFalse(extra.has("properties"));
    // Arrays keep their items; one whose items were dropped loses its type too.
    JsonNode tags = properties.path("tags");
    assertEquals("array", tags.path("type").asText());
    assertEquals("string", tags.path("items").path("type").asText());
    JsonNode anything = properties.path("anything");
    assertFalse(anything.has("type"));
    assertFalse(anything.has("items"));
    // A kind that preserves unknown fields at its root is a bare object.
    JsonNode gadget = customDoc.path("definitions").path("com.example.acceptance.v1.Gadget");
    assertEquals("object", gadget.path("type").asText());
    assertFalse(gadget.has("properties"));
    assertEquals(
        "Gadget", gadget.path("x-kubernetes-group-version-kind").get(0).path("kind").asText());
  }

  @Test
  void cachedByInputsAndEtagIsTheJsonHash() {
    assertSame(builtIn, openApi.document("root:b", BuiltinCatalog.all(), CustomSchemaSource.NONE));
    assertEquals("\"" + OpenApiDocument.sha512(builtIn.json()) + "\"", builtIn.etag());
    assertTrue(builtIn.etag().matches("\"[0-9A-F]{128}\""));
    OpenApiV2.Document fewer =
        openApi.document("root", BuiltinCatalog.all().subList(0, 5), CustomSchemaSource.NONE);
    assertNotEquals(builtIn.etag(), fewer.etag());
  }

  // ---- content negotiation --------------------------------------------------------------------

  @Test
  void negotiatesLikeKubeOpenApi() {
    assertEquals(
        Choice.PROTOBUF,
        Negotiation.choose("application/com.github.proto-openapi.spec.v2@v1.0+protobuf"));
    assertEquals(
        Choice.PROTOBUF,
        Negotiation.choose("application/com.github.proto-openapi.spec.v2.v1.0+protobuf"));
    assertEquals(Choice.JSON, Negotiation.choose(null));
    assertEquals(Choice.JSON, Negotiation.choose("application/json"));
    assertEquals(Choice.JSON, Negotiation.choose("*/*"));
    assertEquals(
        Choice.PROTOBUF,
        Negotiation.choose(
            "application/json;q=0.5, application/com.github.proto-openapi.spec.v2@v1.0+protobuf"));
    assertEquals(
        Choice.PROTOBUF,
        Negotiation.choose("*/*, application/com.github.proto-openapi.spec.v2@v1.0+protobuf"));
    assertEquals(Choice.JSON, Negotiation.choose("text/html, application/*;q=0.1"));
    assertEquals(Choice.NONE, Negotiation.choose("text/html"));
    assertEquals(Choice.NONE, Negotiation.choose("application/json;q=0"));
    assertTrue(Negotiation.matchesEtag(builtIn.etag(), builtIn.etag()));
    assertTrue(Negotiation.matchesEtag("\"x\", W/" + builtIn.etag(), builtIn.etag()));
    assertTrue(Negotiation.matchesEtag("*", builtIn.etag()));
    assertFalse(Negotiation.matchesEtag("\"other\"", builtIn.etag()));
    assertFalse(Negotiation.matchesEtag(null, builtIn.etag()));
  }

  // ---- protobuf -------------------------------------------------------------------------------

  @Test
  void protobufIsTheGnosticDocument() throws IOException {
    UnknownFieldSet document = UnknownFieldSet.parseFrom(builtIn.protobuf());
    assertEquals("2.0", string(document, 1));
    UnknownFieldSet info = message(document, 2);
    assertEquals("Kubernetes", string(info, 1));
    assertEquals(DocumentBuilder.KUBE_VERSION, string(info, 2));

    // Definitions (9) -> NamedSchema (1) {name 1, value 2}.
    Map<String, UnknownFieldSet> definitions = named(message(document, 9), 1);
    assertEquals(doc.path("definitions").size(), definitions.size());
    UnknownFieldSet deployment = definitions.get(DEPLOYMENT);
    assertNotNull(deployment);
    assertEquals(List.of("object"), strings(message(deployment, 22), 1));
    JsonNode gvk = MAPPER.readTree(extension(deployment, 31, "x-kubernetes-group-version-kind"));
    assertEquals("Deployment", gvk.get(0).path("kind").asText());
    assertEquals("apps", gvk.get(0).path("group").asText());

    UnknownFieldSet podSpec = definitions.get("io.k8s.api.core.v1.PodSpec");
    Map<String, UnknownFieldSet> podFields = named(message(podSpec, 25), 1);
    UnknownFieldSet containers = podFields.get("containers");
    assertEquals(List.of("array"), strings(message(containers, 22), 1));
    assertEquals("\"merge\"", extension(containers, 31, "x-kubernetes-patch-strategy").trim());
    assertEquals("\"name\"", extension(containers, 31, "x-kubernetes-patch-merge-key").trim());
    // items (23) -> ItemsItem.schema (1) -> Schema._ref (1)
    assertEquals(
        "#/definitions/io.k8s.api.core.v1.Container",
        string(message(message(containers, 23), 1), 1));
    UnknownFieldSet template =
        named(message(definitions.get("io.k8s.api.apps.v1.DeploymentSpec"), 25), 1).get("template");
    assertEquals("#/definitions/io.k8s.api.core.v1.PodTemplateSpec", string(template, 1));
    assertFalse(string(template, 4).isEmpty(), "description next to the reference");
  }

  @Test
  void protobufPatchOperationHasTheFieldValidationQueryParameter() throws IOException {
    UnknownFieldSet document = UnknownFieldSet.parseFrom(builtIn.protobuf());
    // Paths (8) -> NamedPathItem (2) {name 1, value 2}.
    Map<String, UnknownFieldSet> paths = named(message(document, 8), 2);
    assertEquals(doc.path("paths").size(), paths.size());
    UnknownFieldSet item = paths.get(ITEM_PATH);
    UnknownFieldSet patch = message(item, 8);
    assertEquals("patchAppsV1NamespacedDeployment", string(patch, 5));
    JsonNode gvk = MAPPER.readTree(extension(patch, 13, "x-kubernetes-group-version-kind"));
    assertEquals("Deployment", gvk.path("kind").asText());
    assertEquals("\"patch\"", extension(patch, 13, "x-kubernetes-action").trim());
    assertTrue(strings(patch, 7).contains("application/strategic-merge-patch+json"));

    List<String> queryNames = new ArrayList<>();
    String bodyRef = null;
    for (ByteString raw : patch.getField(8).getLengthDelimitedList()) {
      // ParametersItem.parameter (1) -> Parameter.{body 1 | non_body 2}
      UnknownFieldSet parameter = message(UnknownFieldSet.parseFrom(raw), 1);
      if (parameter.hasField(1)) {
        UnknownFieldSet body = message(parameter, 1);
        assertEquals("body", string(body, 3));
        assertEquals(1L, body.getField(4).getVarintList().get(0), "required");
        bodyRef = string(message(body, 5), 1);
      } else {
        // NonBodyParameter.query_parameter_sub_schema (3) {in 2, name 4, type 6, unique 20}
        UnknownFieldSet query = message(message(parameter, 2), 3);
        assertEquals("query", string(query, 2));
        assertTrue(Set.of("string", "boolean").contains(string(query, 6)), string(query, 6));
        queryNames.add(string(query, 4));
      }
    }
    assertEquals("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch", bodyRef);
    assertTrue(
        queryNames.containsAll(List.of("dryRun", "fieldManager", "fieldValidation", "force")));

    // Path-level parameters (9): name and namespace are path_parameter_sub_schema (4), required.
    List<String> pathParams = new ArrayList<>();
    for (ByteString raw : item.getField(9).getLengthDelimitedList()) {
      UnknownFieldSet nonBody = message(message(UnknownFieldSet.parseFrom(raw), 1), 2);
      if (nonBody.hasField(4)) {
        UnknownFieldSet p = message(nonBody, 4);
        assertEquals(1L, p.getField(1).getVarintList().get(0));
        assertEquals("string", string(p, 5));
        pathParams.add(string(p, 4));
      }
    }
    assertEquals(List.of("name", "namespace"), pathParams);

    // Responses (9) -> NamedResponseValue (1) -> ResponseValue.response (1) -> schema (2).
    Map<String, UnknownFieldSet> responses = named(message(patch, 9), 1);
    UnknownFieldSet ok = message(responses.get("200"), 1);
    assertEquals("OK", string(ok, 1));
    assertEquals("#/definitions/" + DEPLOYMENT, string(message(message(ok, 2), 1), 1));
  }

  @Test
  void protobufCarriesCustomKindsDefaultsAndSecurity() throws IOException {
    UnknownFieldSet document = UnknownFieldSet.parseFrom(custom.protobuf());
    Map<String, UnknownFieldSet> definitions = named(message(document, 9), 1);
    UnknownFieldSet widget = definitions.get(WIDGET);
    assertNotNull(widget);
    UnknownFieldSet spec = named(message(widget, 25), 1).get("spec");
    Map<String, UnknownFieldSet> specFields = named(message(spec, 25), 1);
    assertEquals("How big the widget is.", string(specFields.get("size"), 4));
    // default (5) is an Any whose yaml (2) is the value.
    assertEquals("\"blue\"", string(message(specFields.get("color"), 5), 2).trim());
    // minimum (9) is a double.
    assertEquals(
        List.of(1.0),
        specFields.get("size").getField(9).getFixed64List().stream()
            .map(Double::longBitsToDouble)
            .toList());
    assertEquals(List.of("size"), strings(spec, 19));
    // additionalProperties: false is AdditionalPropertiesItem.boolean (2) = 0, still present.
    UnknownFieldSet labels = specFields.get("labels");
    UnknownFieldSet additional = message(labels, 21);
    assertTrue(additional.hasField(1), "a schema");
    UnknownFieldSet closed = specFields.get("closed");
    assertEquals(List.of(0L), message(closed, 21).getField(2).getVarintList());
    // enum (20) as Any.
    List<String> enums = new ArrayList<>();
    for (ByteString raw : specFields.get("mode").getField(20).getLengthDelimitedList()) {
      enums.add(string(UnknownFieldSet.parseFrom(raw), 2).trim());
    }
    assertEquals(List.of("\"fast\"", "\"slow\""), enums);

    // securityDefinitions (13) and security (12).
    UnknownFieldSet bearer = message(named(message(document, 13), 1).get("BearerToken"), 2);
    assertEquals("apiKey", string(bearer, 1));
    assertEquals("authorization", string(bearer, 2));
    assertEquals("header", string(bearer, 3));
    assertTrue(document.hasField(12));
  }

  @Test
  void protobufStringsRoundTripUtf8AndLongValues() throws IOException {
    ProtoWriter w = new ProtoWriter();
    String text = "größe – ".repeat(100);
    w.string(1, text).int64(2, 300).bool(3, false).float64(4, -1.5);
    UnknownFieldSet parsed = UnknownFieldSet.parseFrom(w.toByteArray());
    assertEquals(text, string(parsed, 1));
    assertEquals(List.of(300L), parsed.getField(2).getVarintList());
    assertFalse(parsed.hasField(3), "proto3 leaves false out");
    assertEquals(-1.5, Double.longBitsToDouble(parsed.getField(4).getFixed64List().get(0)));
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static ResourceType widgetType(String kind, String plural) {
    return new ResourceType(
        "acceptance.example.com",
        "v1",
        kind,
        plural,
        kind.toLowerCase(),
        List.of(),
        List.of(),
        true,
        BuiltinCatalog.all().get(1).verbs(),
        List.of("status"),
        List.of());
  }

  private static Map<String, JsonNode> widgetSchemas(String cluster, String group, String version) {
    if (!cluster.equals("root:a") || !group.equals("acceptance.example.com")) {
      return Map.of();
    }
    try {
      Map<String, JsonNode> schemas = new HashMap<>();
      schemas.put(
          "Widget",
          MAPPER.readTree(
              """
              {"type":"object","properties":{
                "spec":{"type":"object","required":["size","note"],"properties":{
                  "size":{"type":"integer","minimum":1,"description":"How big the widget is."},
                  "color":{"type":"string","default":"blue"},
                  "mode":{"type":"string","enum":["fast","slow"]},
                  "port":{"x-kubernetes-int-or-string":true,
                          "anyOf":[{"type":"integer"},{"type":"string"}]},
                  "note":{"type":"object","nullable":true,
                          "properties":{"text":{"type":"string"}}},
                  "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true,
                           "properties":{"a":{"type":"string"}}},
                  "tags":{"type":"array","items":{"type":"string"}},
                  "anything":{"type":"array","x-kubernetes-preserve-unknown-fields":true,
                              "items":{"type":"string"}},
                  "labels":{"type":"object","additionalProperties":{"type":"string"}},
                  "closed":{"type":"object","additionalProperties":false}}},
                "status":{"type":"object"}}}
              """));
      schemas.put(
          "Gadget",
          MAPPER.readTree("{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}"));
      return schemas;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collectDangling(JsonNode node, JsonNode definitions, List<String> into) {
    if (node.isObject() && node.path("$ref").isTextual()) {
      String ref = node.path("$ref").asText();
      if (!ref.startsWith(SwaggerV2.DEFINITIONS_PREFIX)
          || !definitions.has(ref.substring(SwaggerV2.DEFINITIONS_PREFIX.length()))) {
        into.add(ref);
      }
    }
    if (node.isContainerNode()) {
      node.forEach(child -> collectDangling(child, definitions, into));
    }
  }

  private static JsonNode param(JsonNode op, String name) {
    for (JsonNode p : op.path("parameters")) {
      if (p.path("name").asText().equals(name)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The v2 definitions of Atrium's kinds keep their generated properties (kubectl 1.27 explain).
   */
  @Test
  void atriumKindsHaveTheirGeneratedProperties() {
    JsonNode spec =
        doc.path("definitions")
            .path("dev.atrium.workload.v1alpha1.Placement")
            .path("properties")
            .path("spec")
            .path("properties");
    assertEquals("integer", spec.path("numberOfClusters").path("type").asText());
    assertEquals(
        "boolean", spec.path("failover").path("properties").path("enabled").path("type").asText());
    JsonNode binding =
        doc.path("definitions").path("dev.atrium.apis.v1alpha1.APIBinding").path("properties");
    assertEquals(
        List.of("path", "name"),
        strings(
            binding
                .path("spec")
                .path("properties")
                .path("reference")
                .path("properties")
                .path("export")
                .path("required")));
  }

  private static List<String> strings(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(v -> result.add(v.asText()));
    return result;
  }

  private static UnknownFieldSet message(UnknownFieldSet set, int field) throws IOException {
    List<ByteString> values = set.getField(field).getLengthDelimitedList();
    assertFalse(values.isEmpty(), "field " + field + " missing");
    return UnknownFieldSet.parseFrom(values.get(0));
  }

  private static String string(UnknownFieldSet set, int field) {
    List<ByteString> values = set.getField(field).getLengthDelimitedList();
    return values.isEmpty() ? "" : values.get(0).toStringUtf8();
  }

  private static List<String> strings(UnknownFieldSet set, int field) {
    return set.getField(field).getLengthDelimitedList().stream()
        .map(ByteString::toStringUtf8)
        .toList();
  }

  /** Repeated {name 1, value 2} entries of {@code field}, by name. */
  private static Map<String, UnknownFieldSet> named(UnknownFieldSet set, int field)
      throws IOException {
    Map<String, UnknownFieldSet> result = new HashMap<>();
    for (ByteString raw : set.getField(field).getLengthDelimitedList()) {
      UnknownFieldSet entry = UnknownFieldSet.parseFrom(raw);
      result.put(string(entry, 1), message(entry, 2));
    }
    return result;
  }

  /** The YAML text of vendor extension {@code name} in repeated NamedAny {@code field}. */
  private static String extension(UnknownFieldSet set, int field, String name) throws IOException {
    for (ByteString raw : set.getField(field).getLengthDelimitedList()) {
      UnknownFieldSet entry = UnknownFieldSet.parseFrom(raw);
      if (string(entry, 1).equals(name)) {
        return string(message(entry, 2), 2);
      }
    }
    throw new AssertionError("no extension " + name + " in " + set);
  }
}
