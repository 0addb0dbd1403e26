package dev.atrium.model.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.meta.AtriumKinds;
import dev.atrium.model.meta.Condition;
import dev.atrium.model.tenancy.Workspace;
import dev.atrium.model.workload.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiSchemasTest {

  @Description("a test record")
  record Sample(
      @Description("a name") @Field(required = true) String name,
      @Field(format = "date-time") String at,
      int count,
      Long big,
      Boolean flag,
      @Field(enumValues = {"A", "B"}) String choice,
      List<String> names,
      Map<String, Integer> sizes,
      @Field(listMapKeys = "type") List<Condition> conditions,
      JsonNode anything) {}

  @Test
  void scalarsListsMapsAndHints() throws Exception {
    ObjectNode schema = OpenApiSchemas.of(Sample.class);
    JsonNode p = schema.path("properties");
    assertEquals("a test record", schema.path("description").asText());
    assertEquals("object", schema.path("type").asText());
    assertEquals(List.of("name"), strings(schema.path("required")));
    assertEquals(json("{'description':'a name','type':'string'}"), p.path("name"));
    assertEquals(json("{'type':'string','format':'date-time'}"), p.path("at"));
    assertEquals(json("{'type':'integer','format':'int32'}"), p.path("count"));
    assertEquals(json("{'type':'integer','format':'int64'}"), p.path("big"));
    assertEquals(json("{'type':'boolean'}"), p.path("flag"));
    assertEquals(json("{'type':'string','enum':['A','B']}"), p.path("choice"));
    assertEquals(json("{'type':'array','items':{'type':'string'}}"), p.path("names"));
    assertEquals(
        json("{'type':'object','additionalProperties':{'type':'integer','format':'int32'}}"),
        p.path("sizes"));
    assertEquals(
        json("{'type':'object','x-kubernetes-preserve-unknown-fields':true}"), p.path("anything"));
    JsonNode conditions = p.path("conditions");
    assertEquals("map", conditions.path("x-kubernetes-list-type").asText());
    assertEquals(List.of("type"), strings(conditions.path("x-kubernetes-list-map-keys")));
    JsonNode condition = conditions.path("items");
    assertEquals(List.of("type", "status"), strings(condition.path("required")));
    assertFalse(condition.has("x-kubernetes-preserve-unknown-fields"));
    assertFalse(condition.path("properties").has("extra"), "the unknown-field holder is no field");
  }

  @Test
  void placementSchemaNamesItsDocumentedFields() throws Exception {
    ObjectNode schema = OpenApiSchemas.kind(Placement.class);
    JsonNode spec = schema.path("properties").path("spec");
    assertEquals(
        List.of("locationSelectors", "namespaceSelector", "numberOfClusters", "failover"),
        names(spec.path("properties")));
    assertEquals(1, spec.path("properties").path("numberOfClusters").path("minimum").asInt());
    assertEquals(
        List.of("matchLabels", "matchExpressions"),
        names(spec.path("properties").path("locationSelectors").path("items").path("properties")));
    assertEquals(json("{'type':'object'}"), schema.path("properties").path("metadata"));
    assertTrue(spec.path("description").asText().contains("desired state"));
  }

  @Test
  void jsonPropertyNamesAreUsed() {
    JsonNode status = OpenApiSchemas.kind(Workspace.class).path("properties").path("status");
    assertTrue(status.path("properties").has("URL"));
    assertFalse(status.path("properties").has("url"));
  }

  @Test
  void everyAtriumKindHasAStructuralSchemaWithSpecAndDescriptions() {
    for (AtriumKinds.Kind kind : AtriumKinds.all()) {
      ObjectNode schema = OpenApiSchemas.kind(kind.type());
      assertTrue(schema.path("properties").has("spec"), kind.kind());
      assertFalse(schema.path("description").asText().isEmpty(), kind.kind());
      everyPropertyTyped(kind.kind(), schema);
    }
  }

  @Test
  void unsupportedTypesAreRefused() {
    record Bad(java.time.Instant at) {}
    assertThrows(IllegalArgumentException.class, () -> OpenApiSchemas.of(Bad.class));
  }

  private static void everyPropertyTyped(String where, JsonNode schema) {
    assertFalse(schema.path("type").asText().isEmpty(), where);
    schema
        .path("properties")
        .fields()
        .forEachRemaining(e -> everyPropertyTyped(where + "." + e.getKey(), e.getValue()));
    if (schema.has("items")) {
      everyPropertyTyped(where + "[]", schema.path("items"));
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text.replace('\'', '"'));
  }
}
