package dev.atrium.hub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class HubGaugesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String health(String conditions) throws Exception {
    return HubGauges.health(JSON.readTree("{\"status\":{\"conditions\":" + conditions + "}}"));
  }

  @Test
  void healthFromHeartbeatCondition() throws Exception {
    assertEquals(
        "healthy",
        health(
            "[{\"type\":\"Ready\",\"status\":\"False\"},"
                + "{\"type\":\"HeartbeatHealthy\",\"status\":\"True\"}]"));
    assertEquals("unhealthy", health("[{\"type\":\"HeartbeatHealthy\",\"status\":\"False\"}]"));
    assertEquals("unknown", health("[{\"type\":\"HeartbeatHealthy\",\"status\":\"Unknown\"}]"));
    assertEquals("unknown", health("[]"));
  }

  @Test
  void resourceLabelAsKubeApiserver() {
    assertEquals("configmaps", HubGauges.resourceLabel("", "configmaps"));
    assertEquals("deployments.apps", HubGauges.resourceLabel("apps", "deployments"));
  }
}
