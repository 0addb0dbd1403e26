package dev.atrium.hub.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTest {

  private static final String VERSION_JSON =
      "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.0-atrium\"}";

  @TempDir Path tmp;

  private Path dataDir() {
    return tmp.resolve(".atrium");
  }

  @Test
  void prepareCreatesEverything() throws Exception {
    BootstrapResult r = Bootstrap.prepare(dataDir(), null, 6443, List.of());

    assertEquals("https://127.0.0.1:6443", r.serverUrl());
    for (Path p :
        List.of(r.caCert(), r.servingCert(), r.servingKey(), r.tokenFile(), r.kubeconfig())) {
      assertTrue(Files.isRegularFile(p), p.toString());
      assertTrue(p.startsWith(dataDir()), p.toString());
    }
    assertEquals(
        "admin", TokenFile.load(r.tokenFile()).lookup(r.adminToken()).orElseThrow().name());
    JsonNode kubeconfig = new ObjectMapper(new YAMLFactory()).readTree(r.kubeconfig().toFile());
    assertEquals(r.adminToken(), kubeconfig.at("/users/0/user/token").asText());
  }

  @Test
  void secondPrepareKeepsTokenAndCaButUpdatesPort() throws Exception {
    BootstrapResult first = Bootstrap.prepare(dataDir(), "127.0.0.1", 6443, List.of());
    String ca = Files.readString(first.caCert());
    BootstrapResult second = Bootstrap.prepare(dataDir(), "127.0.0.1", 7443, List.of());

    assertEquals(first.adminToken(), second.adminToken());
    assertEquals(ca, Files.readString(second.caCert()));
    assertTrue(Files.readString(second.kubeconfig()).contains("https://127.0.0.1:7443"));
  }

  @Test
  void advertisedHostBecomesSanAndUrl() throws Exception {
    BootstrapResult r = Bootstrap.prepare(dataDir(), "hub.internal", 443, List.of("10.0.0.9"));
    assertEquals("https://hub.internal:443", r.serverUrl());
    X509Certificate serving = TlsFixtures.cert(r.servingCert());
    String sans = serving.getSubjectAlternativeNames().toString();
    assertTrue(sans.contains("hub.internal") && sans.contains("10.0.0.9"), sans);
  }

  @Test
  void wildcardBindAddressIsAdvertisedAsLoopback() {
    assertEquals(
        "https://127.0.0.1:6443", Bootstrap.prepare(dataDir(), "0.0.0.0", 6443, null).serverUrl());
    assertEquals(
        "https://127.0.0.1:6443", Bootstrap.prepare(dataDir(), "::", 6443, null).serverUrl());
  }

  @Test
  void ipv6HostIsBracketed() {
    assertEquals("https://[::1]:6443", Bootstrap.serverUrl("::1", 6443));
    assertEquals("https://[::1]:6443", Bootstrap.serverUrl("[::1]", 6443));
  }

  @Test
  void rejectsBadPort() {
    assertThrows(IllegalArgumentException.class, () -> Bootstrap.prepare(dataDir(), null, 0, null));
  }

  @Test
  void toStringRedactsToken() {
    BootstrapResult r = Bootstrap.prepare(dataDir(), null, 6443, null);
    assertFalse(r.toString().contains(r.adminToken()));
  }

  /** End to end: kubectl (Go TLS) trusts the CA, verifies the SAN and sends the admin token. */
  @Test
  void kubectlTalksToServerUsingAdminKubeconfig() throws Exception {
    KubectlRunner.assumeAvailable();
    AtomicReference<String> authorization = new AtomicReference<>();
    HttpHandler version =
        exchange -> {
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          TlsFixtures.respond(VERSION_JSON).handle(exchange);
        };
    Pki pki = Pki.ensure(dataDir(), List.of());
    HttpsServer server = TlsFixtures.startServer(pki, version);
    try {
      int port = server.getAddress().getPort();
      BootstrapResult r = Bootstrap.prepare(dataDir(), "127.0.0.1", port, List.of());
      KubectlRunner.Result out =
          KubectlRunner.run(
              tmp,
              "--kubeconfig",
              r.kubeconfig().toString(),
              "--request-timeout=20s",
              "get",
              "--raw",
              "/version");
      assertEquals(0, out.exitCode(), out.stderr());
      assertEquals(VERSION_JSON, out.stdout().strip());
      assertEquals("Bearer " + r.adminToken(), authorization.get());
    } finally {
      server.stop(0);
    }
  }
}
