package dev.atrium.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.cli.common.CliException;
import dev.atrium.cli.common.Version;
import dev.atrium.model.workload.Workload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class RegisterOptionsTest {

  @TempDir Path dir;

  private static RegisterOptions register(Setup s, String name, String labels, String out) {
    return new RegisterOptions(s.session(), name, labels, out, null, null, null, false);
  }

  private static Map<String, Object> kubeconfigOf(String manifest) {
    for (Map<String, Object> doc : AgentManifestTest.parse(manifest)) {
      if ("Secret".equals(doc.get("kind"))) {
        String data = (String) AgentManifestTest.at(doc, "data", "kubeconfig");
        return AgentManifestTest.cast(
            new Yaml().load(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8)));
      }
    }
    throw new AssertionError("no Secret");
  }

  @Test
  void createsTargetServiceAccountTokenAndWritesTheManifest() throws Exception {
    Setup s = new Setup(dir);
    Path file = dir.resolve("agent.yaml");
    register(s, "pc1", "region=eu", file.toString()).complete().validate().run();
    ObjectNode target = s.hub.target("root:acme", "pc1");
    assertEquals("eu", target.path("metadata").path("labels").path("region").asText());
    assertEquals("SyncTarget", target.path("kind").asText());
    assertEquals("workload.atrium.dev/v1alpha1", target.path("apiVersion").asText());
    ObjectNode sa = s.hub.serviceAccount("root:acme", "atrium-syncer-pc1");
    assertEquals(
        "kubectl-atrium", sa.path("metadata").path("labels").path(ClusterApi.MANAGED_BY).asText());
    assertEquals(
        List.of(
            "POST /clusters/root:acme/apis/workload.atrium.dev/v1alpha1/synctargets",
            "POST /clusters/root:acme/api/v1/namespaces/default/serviceaccounts",
            "POST /clusters/root:acme/api/v1/namespaces/default/serviceaccounts/atrium-syncer-pc1/token"),
        s.hub.requests);
    String manifest = Files.readString(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    Map<String, Object> kc = kubeconfigOf(manifest);
    assertEquals(
        "https://hub.example:6443/services/syncer/root:acme/pc1",
        AgentManifestTest.at(kc, "clusters", "0", "cluster", "server"));
    assertEquals("token-3", AgentManifestTest.at(kc, "users", "0", "user", "token"));
    assertEquals(
        Base64.getEncoder().encodeToString(Setup.CA_PEM.getBytes(StandardCharsets.US_ASCII)),
        AgentManifestTest.at(kc, "clusters", "0", "cluster", "certificate-authority-data"));
    assertTrue(manifest.contains("image: atrium/sync-agent:" + Version.get()), manifest);
    String key = Workload.targetKey("root:acme", "pc1");
    assertTrue(
        s.out().startsWith("SyncTarget \"pc1\" created (workspace root:acme, key " + key + ").\n"),
        s.out());
    assertTrue(s.out().contains("ServiceAccount \"default/atrium-syncer-pc1\" created."), s.out());
    assertTrue(s.out().contains("Token issued for the agent (expires 2027-12-03T08:00:00Z)."));
    assertTrue(s.out().contains("kubectl apply -f " + file), s.out());
    assertEquals("", s.err());
  }

  @Test
  void tokenIsAskedForOneYear() {
    assertEquals(31_536_000L, ClusterApi.TOKEN_SECONDS);
  }

  @Test
  void withoutFileTheManifestGoesToStdoutAndMessagesToStderr() {
    Setup s = new Setup(dir);
    register(s, "pc1", null, null).complete().validate().run();
    assertTrue(s.out().startsWith("# Atrium sync agent"), s.out());
    assertEquals(6, AgentManifestTest.parse(s.out()).size());
    assertTrue(s.err().contains("SyncTarget \"pc1\" created"), s.err());
  }

  @Test
  void registeringAgainRendersAgainAndKeepsOrUpdatesLabels() {
    Setup s = new Setup(dir);
    String file = dir.resolve("a.yaml").toString();
    register(s, "pc1", "region=eu", file).complete().validate().run();
    s.clearOutput();
    register(s, "pc1", null, file).complete().validate().run();
    assertTrue(s.out().contains("SyncTarget \"pc1\" exists already; rendering its manifest again"));
    assertTrue(s.out().contains("ServiceAccount \"default/atrium-syncer-pc1\" exists already."));
    ObjectNode labels =
        (ObjectNode) s.hub.target("root:acme", "pc1").path("metadata").path("labels");
    assertEquals("eu", labels.path("region").asText());
    s.clearOutput();
    register(s, "pc1", "region=us,tier=gold", file).complete().validate().run();
    assertTrue(s.out().contains("labels updated"), s.out());
    labels = (ObjectNode) s.hub.target("root:acme", "pc1").path("metadata").path("labels");
    assertEquals("us", labels.path("region").asText());
    assertEquals("gold", labels.path("tier").asText());
    assertEquals(Workload.targetKey("root:acme", "pc1"), labels.path(Workload.KEY_LABEL).asText());
    assertEquals(3, labels.size());
  }

  @Test
  void aServiceAccountNotMadeByThePluginIsNotTakenOver() {
    Setup s = new Setup(dir);
    s.hub.objects.put(
        "root:acme|/api/v1/namespaces/default/serviceaccounts/atrium-syncer-pc1",
        (ObjectNode)
            new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .set(
                    "metadata",
                    new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode()
                        .put("name", "atrium-syncer-pc1")));
    CliException e =
        assertThrows(
            CliException.class,
            () ->
                register(s, "pc1", null, dir.resolve("a.yaml").toString())
                    .complete()
                    .validate()
                    .run());
    assertTrue(
        e.getMessage()
            .startsWith(
                "serviceaccount \"default/atrium-syncer-pc1\" exists in workspace root:acme but was"
                    + " not created by kubectl atrium"),
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("a.yaml")));
  }

  @Test
  void aTargetBeingDeregisteredIsAnError() {
    Setup s = new Setup(dir);
    register(s, "pc1", null, dir.resolve("a.yaml").toString()).complete().validate().run();
    ((ObjectNode) s.hub.target("root:acme", "pc1").path("metadata"))
        .put("deletionTimestamp", "2026-12-03T08:00:00Z");
    s.hub.lingerAfterDelete = 100;
    CliException e =
        assertThrows(
            CliException.class,
            () ->
                register(s, "pc1", null, dir.resolve("b.yaml").toString())
                    .complete()
                    .validate()
                    .run());
    assertTrue(e.getMessage().contains("is being deregistered"), e.getMessage());
  }

  @Test
  void forbiddenWorkspace() {
    Setup s = new Setup(dir);
    s.hub.forbidden.add("root:acme");
    CliException e =
        assertThrows(
            CliException.class, () -> register(s, "pc1", null, null).complete().validate().run());
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot register cluster \"pc1\" in workspace root:acme: access denied (Forbidden)"),
        e.getMessage());
  }

  @Test
  void hubWithoutSyncTargets() {
    Setup s = new Setup(dir);
    s.hub.servesSyncTargets = false;
    CliException e =
        assertThrows(
            CliException.class, () -> register(s, "pc1", null, null).complete().validate().run());
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot register cluster \"pc1\": workspace root:acme does not exist or the hub does"
                    + " not serve synctargets.workload.atrium.dev"),
        e.getMessage());
  }

  @Test
  void unreachableHubIsAClearError() {
    Setup s = new Setup(dir, "https://127.0.0.1:1/clusters/root:acme", false);
    RegisterOptions r =
        new RegisterOptions(
            new dev.atrium.cli.ws.Session(
                s.flags,
                s.env,
                dev.atrium.cli.common.Streams.system(),
                c -> new dev.atrium.cli.hub.HttpsHubClient(c, System.err, 0)),
            "pc1",
            null,
            null,
            null,
            null,
            null,
            false);
    CliException e = assertThrows(CliException.class, () -> r.complete().validate().run());
    assertTrue(
        e.getMessage().startsWith("cannot reach the hub at https://127.0.0.1:1"), e.getMessage());
  }

  @Test
  void validationHappensBeforeAnyRequest() {
    Setup s = new Setup(dir);
    String[][] bad = {
      {"Bad_Name", null, null, null, null},
      {"pc1", "region", null, null, null},
      {"pc1", null, dir.resolve("no/such/dir/a.yaml").toString(), null, null},
      {"pc1", null, dir.toString(), null, null},
      {"pc1", null, null, "ftp://hub", null},
      {"pc1", null, null, null, "Not A Group"},
    };
    for (String[] b : bad) {
      assertThrows(
          CliException.class,
          () ->
              new RegisterOptions(s.session(), b[0], b[1], b[2], null, b[3], b[4], false)
                  .complete()
                  .validate(),
          String.join(",", java.util.Arrays.asList(b)));
    }
    assertTrue(s.hub.requests.isEmpty(), s.hub.requests.toString());
  }

  @Test
  void hubUrlDefaultsToTheServersSchemeHostAndPort() {
    assertEquals("https://hub:6443", RegisterOptions.hubBase("https://hub:6443/clusters/root:a"));
    assertEquals("https://hub", RegisterOptions.hubBase("https://hub/"));
    assertEquals("https://[::1]:6443", RegisterOptions.hubBase("https://[::1]:6443"));
    assertThrows(CliException.class, () -> RegisterOptions.hubBase("hub:6443"));
    Setup s = new Setup(dir);
    new RegisterOptions(
            s.session(), "pc1", null, null, null, "https://public.example:443/x", null, false)
        .complete()
        .validate()
        .run();
    Map<String, Object> kc = kubeconfigOf(s.out());
    assertEquals(
        "https://public.example:443/services/syncer/root:acme/pc1",
        AgentManifestTest.at(kc, "clusters", "0", "cluster", "server"));
  }

  @Test
  void imageFromFlagElseEnvironmentElseVersion() {
    assertEquals("atrium/sync-agent:" + Version.get(), RegisterOptions.defaultImage(Map.of()));
    assertEquals(
        "reg.local/agent:7",
        RegisterOptions.defaultImage(Map.of(RegisterOptions.IMAGE_ENV, "reg.local/agent:7")));
    Setup s = new Setup(dir);
    s.env.put(RegisterOptions.IMAGE_ENV, "reg.local/agent:7");
    register(s, "pc1", null, null).complete().validate().run();
    assertTrue(s.out().contains("image: reg.local/agent:7"), s.out());
    s.clearOutput();
    new RegisterOptions(s.session(), "pc1", null, null, "mine/agent:1", null, null, false)
        .complete()
        .validate()
        .run();
    assertTrue(s.out().contains("image: mine/agent:1"), s.out());
  }

  @Test
  void customResourceGroups() {
    assertEquals(
        List.of("example.com", "acme.io"),
        RegisterOptions.groups("example.com, acme.io,example.com"));
    assertTrue(RegisterOptions.groups(null).isEmpty());
    assertThrows(CliException.class, () -> RegisterOptions.groups("a,,b"));
    assertThrows(CliException.class, () -> RegisterOptions.groups("*"));
  }
}
