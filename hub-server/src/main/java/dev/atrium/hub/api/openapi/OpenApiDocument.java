package dev.atrium.hub.api.openapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One serialized document with its hash.
 *
 * @param body the JSON bytes served
 * @param hash uppercase hex SHA-512 of {@code body}, the {@code ?hash=} of its URL and its Etag
 */
public record OpenApiDocument(byte[] body, String hash) {

  public static OpenApiDocument of(byte[] body) {
    return new OpenApiDocument(body, sha512(body));
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  static String sha512(byte[] data) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-512").digest(data);
      return HexFormat.of().withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is not available", e);
    }
  }
}
