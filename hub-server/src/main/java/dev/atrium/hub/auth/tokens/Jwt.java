package dev.atrium.hub.auth.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;

/** Compact JWS with ES256 (JDK crypto, P1363 signature format as JWS requires). */
public final class Jwt {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALGORITHM = "SHA256withECDSAinP1363Format";
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();

  private Jwt() {}

  public static boolean looksLikeJwt(String token) {
    int first = token.indexOf('.');
    return first > 0 && token.indexOf('.', first + 1) > first && token.startsWith("ey");
  }

  public static String sign(ObjectNode claims, SigningKey key) {
    ObjectNode header = JSON.createObjectNode().put("alg", "ES256").put("kid", key.kid());
    String input = part(header) + "." + part(claims);
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key.privateKey());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + ENC.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of a token whose ES256 signature verifies with {@code key}. */
  public static ObjectNode verify(String token, SigningKey key) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidTokenException("malformed token");
    }
    JsonNode header = parse(parts[0]);
    if (!"ES256".equals(header.path("alg").asText())) {
      throw new InvalidTokenException("unexpected signing algorithm");
    }
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key.publicKey());
      s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!s.verify(DEC.decode(parts[2]))) {
        throw new InvalidTokenException("invalid signature");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidTokenException("invalid signature");
    }
    JsonNode claims = parse(parts[1]);
    if (!(claims instanceof ObjectNode object)) {
      throw new InvalidTokenException("malformed claims");
    }
    return object;
  }

  private static String part(JsonNode node) {
    return ENC.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode parse(String part) {
    try {
      return JSON.readTree(DEC.decode(part));
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidTokenException("malformed token");
    }
  }
}
