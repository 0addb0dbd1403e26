package dev.atrium.hub.auth.tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** Issues and verifies ServiceAccount JWTs with one key and issuer (no I/O). */
public final class TokenSigner {

  private static final long LEEWAY_SECONDS = 60;

  private final SigningKey key;
  private final String issuer;

  public TokenSigner(SigningKey key, String issuer) {
    this.key = key;
    this.issuer = issuer;
  }

  public String issuer() {
    return issuer;
  }

  public String issue(ServiceAccountClaims claims) {
    return Jwt.sign(claims.toJson(), key);
  }

  public ServiceAccountClaims claims(
      String cluster,
      String namespace,
      String name,
      String uid,
      List<String> audiences,
      Instant now,
      long expirationSeconds) {
    return new ServiceAccountClaims(
        issuer,
        cluster,
        namespace,
        name,
        uid,
        List.copyOf(audiences),
        now,
        now.plusSeconds(expirationSeconds));
  }

  /**
   * The claims of a valid token: signature, issuer, time window and (unless {@code audiences} is
   * empty) an audience in common.
   */
  public ServiceAccountClaims verify(String token, List<String> audiences, Instant now) {
    ObjectNode json = Jwt.verify(token, key);
    if (!issuer.equals(json.path("iss").asText())) {
      throw new InvalidTokenException("unknown issuer");
    }
    long t = now.getEpochSecond();
    if (json.path("exp").asLong(0) + LEEWAY_SECONDS <= t) {
      throw new InvalidTokenException("token has expired");
    }
    if (json.path("nbf").asLong(0) - LEEWAY_SECONDS > t) {
      throw new InvalidTokenException("token is not valid yet");
    }
    ServiceAccountClaims claims = ServiceAccountClaims.fromJson(json);
    if (!audiences.isEmpty() && Collections.disjoint(audiences, claims.audiences())) {
      throw new InvalidTokenException("token audiences are invalid");
    }
    return claims;
  }
}
