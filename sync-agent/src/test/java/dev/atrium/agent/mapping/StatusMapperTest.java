package dev.atrium.agent.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.workload.Workload;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusMapperTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private final DownstreamMapper mapper = new DownstreamMapper("abc");

  private ObjectNode downstream(UpstreamObject up, long generation, String status) {
    ObjectNode d = mapper.toDownstream(up);
    ((ObjectNode) d.get("metadata")).put("generation", generation);
    d.set("status", Objects.json(status));
    return d;
  }

  @Test
  void copiesDownstreamStatusAndMapsObservedGeneration() {
    UpstreamObject up = Objects.deployment("root", "app", "web"); // upstream generation 3
    ObjectNode d = downstream(up, 1, "{'observedGeneration':1,'replicas':2,'availableReplicas':2}");
    ObjectNode s = StatusMapper.upstreamStatus(up, "abc", d, null, NOW).orElseThrow();
    assertEquals(2, s.get("availableReplicas").asInt());
    assertEquals(3, s.get("observedGeneration").asLong());
  }

  @Test
  void keepsUpstreamObservedGenerationWhileDownstreamLags() {
    UpstreamObject up = Objects.deployment("root", "app", "web");
    ((ObjectNode) up.object().get("status")).put("observedGeneration", 2);
    ObjectNode d = downstream(up, 4, "{'observedGeneration':3,'replicas':2}");
    ObjectNode s = StatusMapper.upstreamStatus(up, "abc", d, null, NOW).orElseThrow();
    assertEquals(2, s.get("observedGeneration").asLong());
  }

  @Test
  void nothingToWriteWhenUpstreamAlreadyHasIt() {
    UpstreamObject up = Objects.deployment("root", "app", "web");
    up.object().set("status", Objects.json("{'observedGeneration':3,'replicas':2}"));
    ObjectNode d = downstream(up, 1, "{'observedGeneration':1,'replicas':2}");
    assertEquals(Optional.empty(), StatusMapper.upstreamStatus(up, "abc", d, null, NOW));
  }

  @Test
  void syncErrorBecomesAFalseConditionKeptStableAcrossRetries() {
    UpstreamObject up = Objects.deployment("root", "app", "web");
    SyncError err = new SyncError("Invalid", "spec.replicas: must be >= 0");
    ObjectNode s = StatusMapper.upstreamStatus(up, "abc", null, err, NOW).orElseThrow();
    JsonNode c = s.get("conditions").get(0);
    assertEquals(Workload.CONDITION_SYNCED, c.get("type").asText());
    assertEquals("False", c.get("status").asText());
    assertEquals("Invalid", c.get("reason").asText());
    up.object().set("status", s);
    assertEquals(
        Optional.empty(), StatusMapper.upstreamStatus(up, "abc", null, err, NOW.plusSeconds(5)));
  }

  @Test
  void successRemovesTheSyncedCondition() {
    UpstreamObject up = Objects.deployment("root", "app", "web");
    up.object()
        .set(
            "status",
            StatusMapper.upstreamStatus(up, "abc", null, new SyncError("X", "y"), NOW)
                .orElseThrow());
    ObjectNode d = downstream(up, 1, "{'observedGeneration':1}");
    ObjectNode s = StatusMapper.upstreamStatus(up, "abc", d, null, NOW).orElseThrow();
    assertFalse(s.has("conditions"));
  }

  @Test
  void mergePatchNullsFieldsTheDownstreamNoLongerHas() {
    ObjectNode patch =
        StatusMapper.mergePatch(Objects.json("{'a':1,'b':2}"), Objects.json("{'a':3}"));
    assertEquals(3, patch.at("/status/a").asInt());
    assertTrue(patch.at("/status/b").isNull());
  }

  @Test
  void customResourceStatusWithoutObservedGeneration() {
    UpstreamObject up =
        new UpstreamObject(
            "root",
            "x.io",
            "v1",
            "caches",
            Objects.json(
                "{'apiVersion':'x.io/v1','kind':'Cache','metadata':{'name':'c','namespace':'n','generation':1},'spec':{'size':3}}"));
    ObjectNode d = mapper.toDownstream(up);
    d.set("status", Objects.json("{'phase':'Warm'}"));
    assertEquals(
        "Warm",
        StatusMapper.upstreamStatus(up, "abc", d, null, NOW).orElseThrow().get("phase").asText());
  }

  @Test
  void comparesAgainstTheTargetsOwnStatusAnnotationWhenPresent() {
    UpstreamObject up = Objects.deployment("root", "app", "web");
    // the aggregate over two targets says 4 replicas; this target's own share is 2
    up.object().set("status", Objects.json("{'observedGeneration':3,'replicas':4}"));
    ((ObjectNode) up.object().at("/metadata/annotations"))
        .put(Workload.statusAnnotation("abc"), "{\"observedGeneration\":3,\"replicas\":2}");
    ObjectNode d = downstream(up, 1, "{'observedGeneration':1,'replicas':2}");
    assertEquals(Optional.empty(), StatusMapper.upstreamStatus(up, "abc", d, null, NOW));
    ObjectNode d3 = downstream(up, 1, "{'observedGeneration':1,'replicas':3}");
    ObjectNode next = StatusMapper.upstreamStatus(up, "abc", d3, null, NOW).orElseThrow();
    assertEquals(3, next.get("replicas").asInt());
  }
}
