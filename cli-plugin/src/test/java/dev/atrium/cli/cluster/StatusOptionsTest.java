package dev.atrium.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusOptionsTest {

  private static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  @Test
  void perTargetStatusesComeFromTheirAnnotations() throws Exception {
    JsonNode web =
        json(
            "{\"metadata\":{\"annotations\":{\"status.workload.atrium.dev/aaa\":\"{\\\"replicas\\\":2}\","
                + "\"status.workload.atrium.dev/bbb\":\"{\\\"replicas\\\":3}\"}},\"status\":{\"replicas\":5}}");
    Map<String, JsonNode> byKey = StatusOptions.perTarget(web);
    assertEquals(List.of("aaa", "bbb"), List.copyOf(byKey.keySet()));
    assertEquals(3, byKey.get("bbb").path("replicas").asInt());
  }

  @Test
  void withOneTargetAndNoAnnotationTheStatusIsItsOwn() throws Exception {
    JsonNode web =
        json(
            "{\"metadata\":{\"labels\":{\"state.workload.atrium.dev/aaa\":\"Sync\"}},\"status\":{\"replicas\":1}}");
    assertEquals(1, StatusOptions.perTarget(web).get("aaa").path("replicas").asInt());
  }

  @Test
  void rowsShowCountsAndConditions() throws Exception {
    JsonNode s =
        json(
            "{\"replicas\":2,\"readyReplicas\":1,\"conditions\":[{\"type\":\"Available\",\"status\":\"False\"}]}");
    assertEquals(
        List.of("pc1", "aaa", "2", "1", "-", "Available=False"),
        StatusOptions.row("pc1", "aaa", s));
  }
}
