package dev.atrium.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.mapping.Json;
import dev.atrium.agent.mapping.Objects;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.workload.SyncTargetStatus;
import dev.atrium.model.workload.Workload;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatReconcilerTest {

  private final FakeHub hub = new FakeHub();
  private final Clock clock =
      Clock.fixed(Instant.parse("2026-12-03T10:00:00.123Z"), ZoneOffset.UTC);
  private final HeartbeatReconciler heartbeat =
      new HeartbeatReconciler(hub, "root:a", "pc1", "0.1.0", clock);
  private static final String PATH =
      "/clusters/root:a/apis/workload.atrium.dev/v1alpha1/synctargets/pc1/status";

  @Test
  void patchesTimeVersionAndCounts() throws Exception {
    hub.objects.put(PATH, Objects.json("{'metadata':{'name':'pc1'}}"));
    assertEquals(
        HeartbeatReconciler.Outcome.ALIVE,
        heartbeat.beat(
            List.of(Objects.deployment("root:a", "a", "x"), Objects.deployment("root:a", "b", "y")),
            false));
    FakeHub.Call c = hub.calls.get(0);
    assertEquals(PATH, c.path());
    assertEquals("application/merge-patch+json", c.contentType());
    ObjectNode s = (ObjectNode) c.body().get("status");
    assertEquals("2026-12-03T10:00:00Z", s.get("lastHeartbeatTime").asText());
    assertEquals("0.1.0", s.get("agentVersion").asText());
    assertEquals(
        "[{\"group\":\"apps\",\"resource\":\"deployments\",\"count\":2}]",
        Json.write(s.get("syncedResources")));
    assertFalse(s.has("conditions"));
  }

  @Test
  void seesDeregistrationAndReportsTheCleanup() throws Exception {
    hub.objects.put(
        PATH,
        Objects.json("{'metadata':{'name':'pc1','deletionTimestamp':'2026-12-03T09:59:00Z'}}"));
    assertEquals(HeartbeatReconciler.Outcome.DEREGISTERING, heartbeat.beat(List.of(), false));
    heartbeat.beat(List.of(), true);
    ObjectNode c = (ObjectNode) hub.calls.get(1).body().at("/status/conditions/0");
    assertEquals("DownstreamCleaned", c.get("type").asText());
    assertEquals("True", c.get("status").asText());
  }

  /** The heartbeat is what the hub's model of a SyncTarget status reads: one type on both sides. */
  @Test
  void theHeartbeatReadsAsTheModelsSyncTargetStatus() throws Exception {
    hub.objects.put(PATH, Objects.json("{'metadata':{'name':'pc1'}}"));
    heartbeat.beat(List.of(Objects.deployment("root:a", "a", "x")), true);
    SyncTargetStatus status =
        ModelJson.read(hub.calls.get(0).body().get("status"), SyncTargetStatus.class);
    assertEquals("0.1.0", status.agentVersion());
    assertEquals(1, status.syncedCount());
    assertEquals("True", status.conditionStatus(Workload.CONDITION_DOWNSTREAM_CLEANED));
    assertTrue(status.extra().isEmpty(), "no field the model does not declare");
  }

  @Test
  void aMissingTargetIsGone() throws Exception {
    hub.failWith = 404;
    assertEquals(HeartbeatReconciler.Outcome.GONE, heartbeat.beat(List.of(), false));
  }
}
