package dev.atrium.hub.registry.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.workload.Workload;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StatusAggregationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String condition(JsonNode status, String type, String field) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c.path(field).asText();
      }
    }
    return "";
  }

  @Test
  void oneTargetsStatusIsTakenAsItIs() {
    JsonNode s =
        json(
            "{\"replicas\":2,\"observedGeneration\":3,\"conditions\":[{\"type\":\"Available\",\"status\":\"True\",\"message\":\"ok\"}]}");
    assertEquals(s, StatusAggregation.aggregate(Map.of("a", s)));
  }

  @Test
  void countersAreSummedGenerationIsTheMinimumAndConditionsCombine() {
    Map<String, JsonNode> byKey = new TreeMap<>();
    byKey.put(
        "a",
        json(
            "{\"replicas\":2,\"availableReplicas\":2,\"observedGeneration\":4,\"conditions\":[{\"type\":\"Available\",\"status\":\"True\"}]}"));
    byKey.put(
        "b",
        json(
            "{\"replicas\":3,\"availableReplicas\":1,\"observedGeneration\":3,\"conditions\":[{\"type\":\"Available\",\"status\":\"False\",\"message\":\"min\"}]}"));
    ObjectNode out = StatusAggregation.aggregate(byKey);
    assertEquals(5, out.path("replicas").asInt());
    assertEquals(3, out.path("availableReplicas").asInt());
    assertEquals(3, out.path("observedGeneration").asInt());
    assertEquals("False", condition(out, "Available", "status"));
    assertTrue(condition(out, "Available", "message").contains("b: False (min)"));
  }

  @Test
  void aConditionMissingSomewhereIsNotTrue() {
    Map<String, JsonNode> byKey =
        Map.of(
            "a", json("{\"conditions\":[{\"type\":\"Available\",\"status\":\"True\"}]}"),
            "b", json("{}"));
    assertEquals("Unknown", condition(StatusAggregation.aggregate(byKey), "Available", "status"));
  }

  @Test
  void targetStatusesAreKeptPerKeyAndPrunedWithTheirLabel() {
    ObjectNode object =
        (ObjectNode)
            json(
                "{\"metadata\":{\"labels\":{\""
                    + Workload.stateLabel("a")
                    + "\":\"Sync\",\""
                    + Workload.stateLabel("b")
                    + "\":\"Sync\"}},\"status\":{}}");
    TargetStatus.set(object, "a", json("{\"replicas\":1}"));
    TargetStatus.set(object, "b", json("{\"replicas\":2}"));
    assertEquals(3, object.path("status").path("replicas").asInt());
    assertEquals(json("{\"replicas\":2}"), TargetStatus.of(object, "b"));
    ((ObjectNode) object.path("metadata").path("labels")).remove(Workload.stateLabel("b"));
    TargetStatus.prune(object);
    assertEquals(1, object.path("status").path("replicas").asInt());
    assertFalse(object.path("metadata").path("annotations").has(Workload.statusAnnotation("b")));
  }

  @Test
  void beforeAnyTargetReportedTheObjectsStatusIsTheBase() {
    ObjectNode object = (ObjectNode) json("{\"metadata\":{},\"status\":{\"replicas\":7}}");
    assertEquals(7, TargetStatus.of(object, "a").path("replicas").asInt());
  }
}
