package dev.atrium.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

  @Test
  void parsesTheDocumentedFlags() {
    AgentOptions o =
        AgentOptions.parse(
                "--kubeconfig=/pc",
                "--hub-kubeconfig",
                "/hub",
                "--sync-target=pc1",
                "--heartbeat-period=3s",
                "--resync-period=5m",
                "--health-port=0",
                "--workers=2",
                "--status-workers=3",
                "--status-delay=20ms",
                "--sync-references=true")
            .validate();
    assertEquals(Path.of("/pc"), o.kubeconfig());
    assertEquals(Path.of("/hub"), o.hubKubeconfig());
    assertEquals("pc1", o.syncTarget());
    assertEquals(Duration.ofSeconds(3), o.heartbeatPeriod());
    assertEquals(Duration.ofMinutes(5), o.resyncPeriod());
    assertEquals(0, o.healthPort());
    assertTrue(o.healthPortExplicit());
    assertEquals(2, o.workers());
    assertEquals(3, o.statusWorkers());
    assertEquals(Duration.ofMillis(20), o.statusDelay());
    assertTrue(o.syncReferences());
  }

  @Test
  void defaultsForAnInClusterAgent() {
    AgentOptions o = AgentOptions.parse("--sync-target=pc1").validate();
    assertNull(o.kubeconfig());
    assertEquals(Path.of("/etc/atrium/hub/kubeconfig"), o.hubKubeconfig());
    assertEquals(Duration.ofSeconds(10), o.heartbeatPeriod());
    assertEquals(8081, o.healthPort());
    assertFalse(o.healthPortExplicit());
    assertFalse(o.syncReferences());
    assertEquals(8, o.workers());
    assertEquals(4, o.statusWorkers());
    assertEquals(Duration.ofMillis(100), o.statusDelay());
  }

  @Test
  void durations() {
    assertEquals(Duration.ofMillis(500), AgentOptions.duration("x", "500ms"));
    assertEquals(Duration.ofSeconds(7), AgentOptions.duration("x", "7"));
    assertEquals(Duration.ofHours(1), AgentOptions.duration("x", "1h"));
    assertThrows(IllegalArgumentException.class, () -> AgentOptions.duration("x", "soon"));
  }

  @Test
  void rejectsUnknownFlagsAndMissingTarget() {
    assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("--nope=1"));
    assertThrows(
        IllegalArgumentException.class, () -> AgentOptions.parse("--kubeconfig=/x").validate());
    assertThrows(
        IllegalArgumentException.class,
        () -> AgentOptions.parse("--sync-target=a", "--health-port=-2").validate());
  }
}
