package dev.atrium.hub.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String CA_PEM =
      "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";

  @TempDir Path tmp;

  @Test
  void writesKubectlStructure() throws Exception {
    Path file = AdminKubeconfig.write(tmp, "https://127.0.0.1:6443", CA_PEM, "tok-123");
    assertEquals(tmp.resolve("admin.kubeconfig"), file);
    JsonNode doc = YAML.readTree(file.toFile());

    assertEquals("v1", doc.path("apiVersion").asText());
    assertEquals("Config", doc.path("kind").asText());
    assertEquals("atrium", doc.path("current-context").asText());

    JsonNode cluster = single(doc, "clusters");
    assertEquals("atrium", cluster.path("name").asText());
    assertEquals("https://127.0.0.1:6443", cluster.path("cluster").path("server").asText());
    String caData = cluster.path("cluster").path("certificate-authority-data").asText();
    assertEquals(CA_PEM, new String(Base64.getDecoder().decode(caData), StandardCharsets.US_ASCII));

    JsonNode user = single(doc, "users");
    assertEquals("admin", user.path("name").asText());
    assertEquals("tok-123", user.path("user").path("token").asText());

    JsonNode context = single(doc, "contexts");
    assertEquals("atrium", context.path("name").asText());
    assertEquals("atrium", context.path("context").path("cluster").asText());
    assertEquals("admin", context.path("context").path("user").asText());
  }

  @Test
  void tokensThatLookLikeYamlScalarsStayStrings() throws Exception {
    for (String token : List.of("true", "12345", "null", "0x1F", "-", "a: b", "#x")) {
      Path file = AdminKubeconfig.write(tmp, "https://h:1", CA_PEM, token);
      JsonNode user = single(YAML.readTree(file.toFile()), "users");
      assertTrue(user.path("user").path("token").isTextual(), token);
      assertEquals(token, user.path("user").path("token").asText());
    }
  }

  @Test
  void rewriteReplacesServerAndIsOwnerOnly() throws Exception {
    AdminKubeconfig.write(tmp, "https://127.0.0.1:6443", CA_PEM, "t");
    Path file = AdminKubeconfig.write(tmp, "https://127.0.0.1:7443", CA_PEM, "t");
    JsonNode cluster = single(YAML.readTree(file.toFile()), "clusters");
    assertEquals("https://127.0.0.1:7443", cluster.path("cluster").path("server").asText());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void kubectlReadsIt() throws Exception {
    KubectlRunner.assumeAvailable();
    Pki pki = Pki.ensure(tmp.resolve(".atrium"), List.of());
    Path file = AdminKubeconfig.write(tmp, "https://127.0.0.1:6443", pki.caPem(), "tok-abc");

    assertEquals("https://127.0.0.1:6443", jsonpath(file, "{.clusters[0].cluster.server}"));
    assertEquals("tok-abc", jsonpath(file, "{.users[0].user.token}"));
    assertEquals("atrium", jsonpath(file, "{.current-context}"));
    String caData = jsonpath(file, "{.clusters[0].cluster.certificate-authority-data}");
    assertEquals(
        pki.caPem(), new String(Base64.getDecoder().decode(caData), StandardCharsets.US_ASCII));
  }

  private String jsonpath(Path kubeconfig, String expr) throws Exception {
    KubectlRunner.Result r =
        KubectlRunner.run(
            tmp,
            "--kubeconfig",
            kubeconfig.toString(),
            "config",
            "view",
            "--raw",
            "-o",
            "jsonpath=" + expr);
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout();
  }

  private static JsonNode single(JsonNode doc, String field) {
    JsonNode list = doc.path(field);
    assertTrue(list.isArray(), field);
    assertEquals(1, list.size(), field);
    return list.get(0);
  }
}
