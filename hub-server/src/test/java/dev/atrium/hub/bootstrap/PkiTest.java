package dev.atrium.hub.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiTest {

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  @TempDir Path tmp;

  private Path dataDir() {
    return tmp.resolve(".atrium");
  }

  @Test
  void createsCaWithCaExtensions() throws Exception {
    Pki pki = Pki.ensure(dataDir(), List.of());
    X509Certificate ca = TlsFixtures.cert(pki.caCert());

    assertEquals("CN=atrium-ca", ca.getSubjectX500Principal().getName());
    assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
    assertTrue(ca.getBasicConstraints() >= 0, "CA:true");
    assertTrue(ca.getKeyUsage()[5], "keyCertSign");
    assertEquals("EC", ca.getPublicKey().getAlgorithm());
    ca.verify(ca.getPublicKey());
    assertValidity(ca, Duration.ofDays(3650));
    assertEquals(Files.readString(pki.caCert()), pki.caPem());
  }

  @Test
  void servingCertIsSignedByCaAndHasSans() throws Exception {
    Pki pki = Pki.ensure(dataDir(), List.of("hub.example.com", "10.1.2.3", " [fd00::5] ", ""));
    X509Certificate ca = TlsFixtures.cert(pki.caCert());
    X509Certificate serving = TlsFixtures.cert(pki.servingCert());

    serving.verify(ca.getPublicKey());
    assertEquals(ca.getSubjectX500Principal(), serving.getIssuerX500Principal());
    assertEquals(-1, serving.getBasicConstraints(), "CA:false");
    assertTrue(serving.getExtendedKeyUsage().contains(SERVER_AUTH));
    assertValidity(serving, Duration.ofDays(365));
    assertEquals(
        Set.of(
            "2:localhost",
            "2:hub.example.com",
            "7:127.0.0.1",
            "7:0:0:0:0:0:0:0:1",
            "7:10.1.2.3",
            "7:fd00:0:0:0:0:0:0:5"),
        sans(serving));
    assertTrue(KeyMatch.matches(TlsFixtures.key(pki.servingKey()), serving.getPublicKey()));
  }

  @Test
  void keysArePkcs8AndOwnerOnly() throws Exception {
    Pki pki = Pki.ensure(dataDir(), List.of());
    for (Path key : List.of(pki.servingKey(), pki.caKey())) {
      assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"), key.toString());
      assertEquals("rw-------", perms(key));
    }
    assertEquals("rw-r--r--", perms(pki.servingCert()));
    assertEquals("rwx------", perms(dataDir()));
    try (var files = Files.list(dataDir())) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void secondEnsureKeepsEverything() throws Exception {
    Pki first = Pki.ensure(dataDir(), List.of("hub.example.com"));
    byte[][] before = contents(first);
    Pki second = Pki.ensure(dataDir(), List.of("HUB.example.com."));
    assertContentsEqual(before, contents(second));
    assertEquals(first.caPem(), second.caPem());
  }

  @Test
  void newSanReissuesServingCertFromSameCa() throws Exception {
    Pki first = Pki.ensure(dataDir(), List.of());
    byte[] ca = Files.readAllBytes(first.caCert());
    byte[] oldServing = Files.readAllBytes(first.servingCert());

    Pki second = Pki.ensure(dataDir(), List.of("192.168.7.7"));
    assertArrayEquals(ca, Files.readAllBytes(second.caCert()));
    assertFalse(Arrays.equals(oldServing, Files.readAllBytes(second.servingCert())));
    X509Certificate serving = TlsFixtures.cert(second.servingCert());
    assertTrue(sans(serving).contains("7:192.168.7.7"));
    serving.verify(TlsFixtures.cert(second.caCert()).getPublicKey());
  }

  @Test
  void servingCertNearExpiryIsReissued() throws Exception {
    Pki.ensure(dataDir(), List.of());
    X509Certificate old = TlsFixtures.cert(dataDir().resolve(Pki.SERVING_CERT_FILE));

    Instant later = Instant.now().plus(Duration.ofDays(340));
    Pki pki = Pki.ensure(dataDir(), List.of(), later);
    X509Certificate renewed = TlsFixtures.cert(pki.servingCert());
    assertTrue(renewed.getNotAfter().after(old.getNotAfter()));

    Instant notYet = Instant.now().plus(Duration.ofDays(300));
    Pki.ensure(dataDir(), List.of(), notYet);
    assertEquals(renewed, TlsFixtures.cert(pki.servingCert()));
  }

  @Test
  void mismatchedOrCorruptServingMaterialIsReissued() throws Exception {
    Pki pki = Pki.ensure(dataDir(), List.of());
    Files.writeString(
        pki.servingKey(), Pem.privateKey(CertificateIssuer.newKeyPair().getPrivate()));
    Pki.ensure(dataDir(), List.of());
    assertTrue(
        KeyMatch.matches(
            TlsFixtures.key(pki.servingKey()), TlsFixtures.cert(pki.servingCert()).getPublicKey()));

    Files.writeString(pki.servingCert(), "garbage");
    Pki.ensure(dataDir(), List.of());
    TlsFixtures.cert(pki.servingCert()).verify(TlsFixtures.cert(pki.caCert()).getPublicKey());
  }

  @Test
  void servingCertFromAnotherCaIsReissued() throws Exception {
    Pki other = Pki.ensure(tmp.resolve("other"), List.of());
    Pki pki = Pki.ensure(dataDir(), List.of());
    Files.copy(other.servingCert(), pki.servingCert(), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(other.servingKey(), pki.servingKey(), StandardCopyOption.REPLACE_EXISTING);

    Pki.ensure(dataDir(), List.of());
    TlsFixtures.cert(pki.servingCert()).verify(TlsFixtures.cert(pki.caCert()).getPublicKey());
  }

  @Test
  void caCertWithoutKeyIsAnError() throws Exception {
    Pki pki = Pki.ensure(dataDir(), List.of());
    Files.delete(pki.caKey());
    BootstrapException e =
        assertThrows(BootstrapException.class, () -> Pki.ensure(dataDir(), List.of()));
    assertTrue(e.getMessage().contains("ca.key"), e.getMessage());
  }

  @Test
  void leftoverCaKeyWithoutCertIsReplaced() throws Exception {
    Pki pki = Pki.ensure(dataDir(), List.of());
    Files.delete(pki.caCert());
    Pki again = Pki.ensure(dataDir(), List.of());
    X509Certificate ca = TlsFixtures.cert(again.caCert());
    assertTrue(KeyMatch.matches(TlsFixtures.key(again.caKey()), ca.getPublicKey()));
    TlsFixtures.cert(again.servingCert()).verify(ca.getPublicKey());
  }

  @Test
  void tooWideKeyPermissionsAreNarrowed() throws Exception {
    Pki pki = Pki.ensure(dataDir(), List.of());
    Files.setPosixFilePermissions(pki.servingKey(), PosixFilePermissions.fromString("rw-r--r--"));
    Pki.ensure(dataDir(), List.of());
    assertEquals("rw-------", perms(pki.servingKey()));
  }

  @Test
  void invalidSanIsRejected() {
    assertThrows(BootstrapException.class, () -> Pki.ensure(dataDir(), List.of("not a host name")));
  }

  @Test
  void tlsHandshakeWithLocalhostHostnameVerification() throws Exception {
    Pki pki = Pki.ensure(dataDir(), List.of());
    HttpsServer server = TlsFixtures.startServer(pki, TlsFixtures.respond("{}"));
    try {
      int port = server.getAddress().getPort();
      SSLContext client = TlsFixtures.trustingOnly(pki.caCert());
      assertEquals("HTTP/1.1 200 OK", TlsFixtures.get(client, port, "localhost"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void tlsHandshakeWithIpHostnameVerificationViaHttpClient() throws Exception {
    Pki pki = Pki.ensure(dataDir(), List.of());
    HttpsServer server = TlsFixtures.startServer(pki, TlsFixtures.respond("{\"ok\":true}"));
    try {
      HttpClient client =
          HttpClient.newBuilder().sslContext(TlsFixtures.trustingOnly(pki.caCert())).build();
      URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
      HttpResponse<String> response =
          client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertEquals("{\"ok\":true}", response.body());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void tlsHandshakeFailsForWrongHostOrForeignCa() throws Exception {
    Pki pki = Pki.ensure(dataDir(), List.of());
    Pki foreign = Pki.ensure(tmp.resolve("foreign"), List.of());
    HttpsServer server = TlsFixtures.startServer(pki, TlsFixtures.respond("{}"));
    try {
      int port = server.getAddress().getPort();
      SSLContext trusting = TlsFixtures.trustingOnly(pki.caCert());
      SSLContext untrusting = TlsFixtures.trustingOnly(foreign.caCert());
      assertThrows(
          SSLHandshakeException.class, () -> TlsFixtures.get(trusting, port, "evil.example"));
      assertThrows(
          SSLHandshakeException.class, () -> TlsFixtures.get(untrusting, port, "localhost"));
    } finally {
      server.stop(0);
    }
  }

  private static void assertValidity(X509Certificate cert, Duration expected) {
    Duration actual =
        Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
    assertTrue(actual.compareTo(expected) >= 0, actual.toString());
    assertTrue(actual.compareTo(expected.plusHours(1)) <= 0, actual.toString());
  }

  private static Set<String> sans(X509Certificate cert) throws Exception {
    return cert.getSubjectAlternativeNames().stream()
        .map(l -> l.get(0) + ":" + l.get(1))
        .collect(Collectors.toSet());
  }

  private static String perms(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private static byte[][] contents(Pki pki) throws Exception {
    return new byte[][] {
      Files.readAllBytes(pki.caCert()),
      Files.readAllBytes(pki.caKey()),
      Files.readAllBytes(pki.servingCert()),
      Files.readAllBytes(pki.servingKey())
    };
  }

  private static void assertContentsEqual(byte[][] expected, byte[][] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], "file " + i);
    }
  }
}
