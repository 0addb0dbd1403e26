package dev.atrium.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.cli.common.CliException;
import dev.atrium.model.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListOptionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  @TempDir Path dir;

  static JsonNode target(String json) {
    try {
      return JSON.readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void rowOfAHealthyTarget() {
    JsonNode t =
        target(
            "{'metadata':{'name':'pc1','labels':{'workload.atrium.dev/key':'abc','region':'eu'}},"
                + "'status':{'lastHeartbeatTime':'2026-12-03T09:59:55Z','agentVersion':'0.1.0',"
                + "'syncedResources':[{'group':'apps','resource':'deployments','count':2},"
                + "{'group':'','resource':'configmaps','count':3}],"
                + "'conditions':[{'type':'Ready','status':'True'},"
                + "{'type':'HeartbeatHealthy','status':'True'}]}}");
    assertEquals(
        List.of("pc1", "abc", "True", "5s", "0.1.0", "5", "region=eu"), ListOptions.row(t, NOW));
  }

  @Test
  void rowOfANewTarget() {
    JsonNode t = target("{'metadata':{'name':'pc2'}}");
    assertEquals(
        List.of("pc2", "<none>", "Unknown", "never", "<none>", "0", "<none>"),
        ListOptions.row(t, NOW));
    JsonNode waiting =
        target(
            "{'metadata':{'name':'pc2','labels':{'workload.atrium.dev/key':'k'}},"
                + "'status':{'conditions':[{'type':'Ready','status':'False','reason':'AwaitingAgent'}]}}");
    assertEquals("False", ListOptions.row(waiting, NOW).get(2));
  }

  @Test
  void rowOfADeregisteringTarget() {
    JsonNode t =
        target(
            "{'metadata':{'name':'pc1','deletionTimestamp':'2026-12-03T09:00:00Z'},"
                + "'status':{'conditions':[{'type':'Ready','status':'True'}]}}");
    assertEquals("Deregistering", ListOptions.row(t, NOW).get(2));
  }

  @Test
  void agesAsKubectlPrintsThem() {
    assertEquals("0s", ListOptions.shortDuration(Duration.ofSeconds(-3)));
    assertEquals("119s", ListOptions.shortDuration(Duration.ofSeconds(119)));
    assertEquals("2m", ListOptions.shortDuration(Duration.ofSeconds(120)));
    assertEquals("59m", ListOptions.shortDuration(Duration.ofMinutes(59)));
    assertEquals("47h", ListOptions.shortDuration(Duration.ofHours(47)));
    assertEquals("2d", ListOptions.shortDuration(Duration.ofHours(48)));
    assertEquals("2y", ListOptions.shortDuration(Duration.ofDays(800)));
    assertEquals("<invalid>", ListOptions.age("yesterday", NOW));
    assertEquals("3m", ListOptions.age("2026-12-03T09:57:00Z", NOW));
  }

  @Test
  void tablePadsColumns() {
    String table =
        ListOptions.table(
            List.of(
                List.of("NAME", "KEY", "X"),
                List.of("a-long-name", "k", ""),
                List.of("b", "kk", "z")));
    assertEquals(
        "NAME          KEY   X\n" + "a-long-name   k\n" + "b             kk    z\n", table);
  }

  private void register(Setup s, String name, String labels) {
    new RegisterOptions(
            s.session(),
            name,
            labels,
            s.dir.resolve(name + ".yaml").toString(),
            null,
            null,
            null,
            false)
        .complete()
        .validate()
        .run();
  }

  @Test
  void listsTheTargetsOfTheWorkspace() {
    Setup s = new Setup(dir);
    register(s, "pc1", "region=eu");
    register(s, "pc2", null);
    ObjectNode status = s.hub.target("root:acme", "pc1").putObject("status");
    status.put("lastHeartbeatTime", Instant.now().minusSeconds(7).toString());
    status.put("agentVersion", "0.1.0");
    status.putArray("syncedResources").addObject().put("resource", "deployments").put("count", 4);
    status.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
    s.clearOutput();
    new ListOptions(s.session(), null).complete().validate().run();
    List<String> lines = s.out().lines().toList();
    assertEquals(3, lines.size(), s.out());
    assertTrue(
        lines.get(0).matches("NAME +KEY +READY +HEARTBEAT +VERSION +SYNCED +LABELS"), lines.get(0));
    String key1 = Workload.targetKey("root:acme", "pc1");
    assertTrue(
        lines.get(1).matches("pc1 +" + key1 + " +True +[78]s +0\\.1\\.0 +4 +region=eu"),
        lines.get(1));
    assertTrue(
        lines.get(2).matches("pc2 +\\w{10} +Unknown +never +<none> +0 +<none>"), lines.get(2));
  }

  @Test
  void jsonYamlAndName() {
    Setup s = new Setup(dir);
    register(s, "pc1", "region=eu");
    s.clearOutput();
    new ListOptions(s.session(), "json").complete().validate().run();
    assertTrue(s.out().contains("\"name\" : \"pc1\""), s.out());
    s.clearOutput();
    new ListOptions(s.session(), "yaml").complete().validate().run();
    assertTrue(s.out().contains("name: pc1"), s.out());
    s.clearOutput();
    new ListOptions(s.session(), "name").complete().validate().run();
    assertEquals("synctarget.workload.atrium.dev/pc1\n", s.out());
  }

  @Test
  void emptyWorkspaceSaysSoOnStderr() {
    Setup s = new Setup(dir);
    new ListOptions(s.session(), null).complete().validate().run();
    assertEquals("", s.out());
    assertEquals("No clusters registered in workspace root:acme.\n", s.err());
  }

  @Test
  void errorsAreClear() {
    Setup s = new Setup(dir);
    s.hub.forbidden.add("root:acme");
    CliException e =
        assertThrows(CliException.class, () -> new ListOptions(s.session(), null).complete().run());
    assertTrue(
        e.getMessage().startsWith("cannot list clusters in workspace root:acme: access denied"),
        e.getMessage());
    s.hub.forbidden.clear();
    s.hub.servesSyncTargets = false;
    e = assertThrows(CliException.class, () -> new ListOptions(s.session(), null).complete().run());
    assertTrue(
        e.getMessage().contains("does not serve synctargets.workload.atrium.dev"), e.getMessage());
  }
}
