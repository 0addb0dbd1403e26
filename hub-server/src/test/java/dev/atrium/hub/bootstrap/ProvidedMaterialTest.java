package dev.atrium.hub.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mounted serving certificate, CA and token file (ATRIUM_TLS_CERT_FILE and friends). */
class ProvidedMaterialTest {

  @TempDir Path tmp;

  /** Material as an operator would mount it: made elsewhere, files read-only. */
  private Path mounted(String name) throws Exception {
    Path dir = tmp.resolve(name);
    Pki.ensure(dir, List.of("atrium.example.svc"));
    for (String f : List.of(Pki.SERVING_CERT_FILE, Pki.SERVING_KEY_FILE, Pki.CA_CERT_FILE)) {
      Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("r--r--r--"));
    }
    return dir;
  }

  private static Map<String, String> env(Path certDir, Path keyDir, Path caDir) {
    return Map.of(
        "ATRIUM_TLS_CERT_FILE", certDir.resolve(Pki.SERVING_CERT_FILE).toString(),
        "ATRIUM_TLS_KEY_FILE", keyDir.resolve(Pki.SERVING_KEY_FILE).toString(),
        "ATRIUM_CA_FILE", caDir.resolve(Pki.CA_CERT_FILE).toString());
  }

  @Test
  void mountedCertificateIsServedAsItIs() throws Exception {
    Path secret = mounted("secret");
    Path data = tmp.resolve("data");
    BootstrapResult r =
        Bootstrap.prepare(
            data,
            "127.0.0.1",
            6443,
            List.of(),
            ProvidedMaterial.fromEnvironment(env(secret, secret, secret)));

    assertEquals(secret.resolve(Pki.SERVING_CERT_FILE), r.servingCert());
    assertEquals(secret.resolve(Pki.SERVING_KEY_FILE), r.servingKey());
    assertEquals(secret.resolve(Pki.CA_CERT_FILE), r.caCert());
    assertFalse(Files.exists(data.resolve(Pki.CA_KEY_FILE)), "no CA generated");
    assertFalse(Files.exists(data.resolve(Pki.SERVING_CERT_FILE)), "no certificate generated");
    String kubeconfig = Files.readString(r.kubeconfig());
    String caData =
        java.util.Base64.getEncoder()
            .encodeToString(Files.readAllBytes(secret.resolve(Pki.CA_CERT_FILE)));
    assertTrue(kubeconfig.contains(caData), "kubeconfig trusts the mounted CA");
  }

  @Test
  void hubLaunchPassesMountedFilesToQuarkus() throws Exception {
    Path secret = mounted("secret");
    Map<String, String> env = new java.util.HashMap<>(env(secret, secret, secret));
    env.put("ATRIUM_DATA_DIR", tmp.resolve("data").toString());
    env.put("ATRIUM_DB_URL", "postgresql://db.example:5432/atrium");
    env.put("ATRIUM_DB_USER", "atrium");
    env.put("ATRIUM_DB_PASSWORD", "s3cret");
    env.put("ATRIUM_BIND_ADDRESS", "0.0.0.0");
    env.put("ATRIUM_LOG_FORMAT", "json");
    env.put("ATRIUM_EXTERNAL_URL", "https://atrium.example:443/");
    HubLaunch launch = HubLaunch.fromEnvironment(env);
    assertEquals(null, launch.prepare(), "external database: nothing embedded");

    Map<String, String> s = launch.settings();
    assertEquals(
        secret.resolve(Pki.SERVING_CERT_FILE).toString(),
        s.get("quarkus.http.ssl.certificate.files"));
    assertEquals(
        secret.resolve(Pki.SERVING_KEY_FILE).toString(),
        s.get("quarkus.http.ssl.certificate.key-files"));
    assertEquals("10m", s.get("quarkus.http.ssl.certificate.reload-period"));
    assertEquals("0.0.0.0", s.get("quarkus.http.host"));
    assertEquals("https://atrium.example:443", s.get("atrium.external-url"));
    assertEquals("postgresql://db.example:5432/atrium", s.get("quarkus.datasource.reactive.url"));
    assertEquals("atrium", s.get("quarkus.datasource.username"));
    assertEquals("s3cret", s.get("quarkus.datasource.password"));
    assertEquals("true", launch.logSettings().get("quarkus.log.console.json.enabled"));
  }

  @Test
  void mountedTokenFileIsReadNotWritten() throws Exception {
    Path tokens = tmp.resolve("tokens.csv");
    String content = "tok-ops,ops,ops,\"system:masters\"\ntok-dev,dev,dev\n";
    Files.writeString(tokens, content);
    Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("r--r-----"));
    ProvidedMaterial provided =
        ProvidedMaterial.fromEnvironment(Map.of("ATRIUM_TOKEN_FILE", tokens.toString()));

    BootstrapResult r = Bootstrap.prepare(tmp.resolve("data"), null, 6443, List.of(), provided);

    assertEquals(tokens, r.tokenFile());
    assertEquals("tok-ops", r.adminToken(), "first system:masters token goes to the kubeconfig");
    assertEquals(content, Files.readString(tokens));
    assertFalse(Files.exists(tmp.resolve("data").resolve(TokenFile.FILE_NAME)));
    assertTrue(Files.exists(tmp.resolve("data").resolve(Pki.SERVING_CERT_FILE)), "PKI generated");
  }

  @Test
  void keyOfAnotherCertificateIsRefused() throws Exception {
    Path a = mounted("a");
    Path b = mounted("b");
    ProvidedMaterial provided = ProvidedMaterial.fromEnvironment(env(a, b, a));
    BootstrapException e =
        assertThrows(
            BootstrapException.class,
            () -> Bootstrap.prepare(tmp.resolve("data"), null, 6443, List.of(), provided));
    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
  }

  @Test
  void certificateWithoutKeyAndMissingFilesAreRefused() throws Exception {
    Path a = mounted("a");
    ProvidedMaterial certOnly =
        ProvidedMaterial.fromEnvironment(
            Map.of("ATRIUM_TLS_CERT_FILE", a.resolve(Pki.SERVING_CERT_FILE).toString()));
    assertThrows(
        BootstrapException.class,
        () -> Bootstrap.prepare(tmp.resolve("d1"), null, 6443, List.of(), certOnly));
    ProvidedMaterial missing =
        ProvidedMaterial.fromEnvironment(
            Map.of("ATRIUM_TOKEN_FILE", tmp.resolve("nope.csv").toString()));
    BootstrapException e =
        assertThrows(
            BootstrapException.class,
            () -> Bootstrap.prepare(tmp.resolve("d2"), null, 6443, List.of(), missing));
    assertTrue(e.getMessage().contains("ATRIUM_TOKEN_FILE"), e.getMessage());
  }

  @Test
  void unknownLogFormatIsRefused() {
    assertThrows(
        BootstrapException.class,
        () -> HubLaunch.fromEnvironment(Map.of("ATRIUM_LOG_FORMAT", "xml")));
  }
}
