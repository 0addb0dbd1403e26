package dev.atrium.hub.storage.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code metadata.continue} of a paged list: the snapshot revision and the last key
 * returned. Encoded as base64url JSON, like Kubernetes' own tokens.
 */
record ContinueToken(long revision, String cluster, String namespace, String name) {

  private static final ObjectMapper JSON = new ObjectMapper();

  String encode() {
    ObjectNode node = JSON.createObjectNode();
    node.put("v", "meta.k8s.io/v1");
    node.put("rv", revision);
    node.put("c", cluster);
    node.put("ns", namespace);
    node.put("n", name);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
  }

  static ContinueToken decode(String token) {
    try {
      JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(token));
      return new ContinueToken(
          node.path("rv").asLong(),
          node.path("c").asText(),
          node.path("ns").asText(),
          node.path("n").asText());
    } catch (Exception e) {
      throw new InvalidContinueException();
    }
  }

  /** A continue token that cannot be decoded. */
  static final class InvalidContinueException extends IllegalArgumentException {
    InvalidContinueException() {
      super("continue key is not valid");
    }
  }
}
