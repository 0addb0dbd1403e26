package dev.atrium.hub.auth.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.hub.request.UserInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceAccountTokensTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final TokenSigner signer = new TokenSigner(SigningKey.generate(), "https://atrium.hub");

  private String token(String cluster, long seconds) {
    return signer.issue(
        signer.claims(cluster, "ns1", "sa1", "uid-1", List.of("https://atrium.hub"), NOW, seconds));
  }

  @Test
  void issuesAndVerifiesBoundClaims() {
    String token = token("root:team1", 3600);
    assertTrue(Jwt.looksLikeJwt(token));
    ServiceAccountClaims c =
        signer.verify(token, List.of("https://atrium.hub"), NOW.plusSeconds(10));
    assertEquals("root:team1", c.cluster());
    assertEquals("system:serviceaccount:ns1:sa1", c.username());
    assertEquals("uid-1", c.uid());
    assertEquals(NOW.plusSeconds(3600), c.expiresAt());
    String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    assertTrue(
        payload.contains(
            "\"kubernetes.io\":{\"namespace\":\"ns1\",\"serviceaccount\":"
                + "{\"name\":\"sa1\",\"uid\":\"uid-1\"}}"),
        payload);
    assertTrue(payload.contains("\"atrium.dev\":{\"path\":\"root:team1\"}"), payload);
    assertTrue(payload.contains("\"sub\":\"system:serviceaccount:ns1:sa1\""));
    UserInfo user = ServiceAccountAuthenticator.user(c);
    assertEquals(
        List.of("system:serviceaccounts", "system:serviceaccounts:ns1", "system:authenticated"),
        user.groups());
  }

  @Test
  void rejectsExpiredTamperedForeignAndWrongAudience() {
    String token = token("root", 600);
    assertThrows(
        InvalidTokenException.class, () -> signer.verify(token, List.of(), NOW.plusSeconds(3600)));
    String[] parts = token.split("\\.");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    new String(Base64.getUrlDecoder().decode(parts[1]))
                        .replace("sa1", "sa2")
                        .getBytes())
            + "."
            + parts[2];
    assertThrows(InvalidTokenException.class, () -> signer.verify(forged, List.of(), NOW));
    TokenSigner other = new TokenSigner(SigningKey.generate(), "https://atrium.hub");
    assertThrows(InvalidTokenException.class, () -> other.verify(token, List.of(), NOW));
    assertThrows(InvalidTokenException.class, () -> signer.verify(token, List.of("vault"), NOW));
    assertThrows(InvalidTokenException.class, () -> signer.verify("a.b.c", List.of(), NOW));
    assertThrows(
        InvalidTokenException.class,
        () -> new TokenSigner(SigningKey.generate(), "other").verify(token, List.of(), NOW));
  }

  @Test
  void keyIsCreatedOnceAndReloaded() throws Exception {
    Path dir = Files.createTempDirectory("sa-key");
    SigningKey first = SigningKey.loadOrCreate(dir);
    SigningKey again = SigningKey.loadOrCreate(dir);
    assertEquals(first.kid(), again.kid());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve(SigningKey.FILE_NAME))));
    TokenSigner a = new TokenSigner(first, "i");
    TokenSigner b = new TokenSigner(again, "i");
    String token = a.issue(a.claims("root", "n", "s", "u", List.of("i"), NOW, 700));
    assertEquals("s", b.verify(token, List.of("i"), NOW).name());
  }
}
