package dev.atrium.agent.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The agent's one JSON mapper and a few tree helpers. */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ObjectNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (!(node instanceof ObjectNode o)) {
        throw new IllegalArgumentException("not a JSON object: " + abbreviate(text));
      }
      return o;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + abbreviate(text), e);
    }
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Text at {@code path} ("metadata", "name"), or null when absent or not text. */
  public static String text(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    return n.isTextual() ? n.asText() : null;
  }

  public static JsonNode at(JsonNode node, String... path) {
    JsonNode n =
        node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
    for (String p : path) {
      n = n.path(p);
    }
    return n;
  }

  /** The object at {@code field} of {@code node}, created when absent. */
  public static ObjectNode child(ObjectNode node, String field) {
    JsonNode n = node.get(field);
    if (n instanceof ObjectNode o) {
      return o;
    }
    return node.putObject(field);
  }

  /** First 16 bytes of the SHA-256 of the object's JSON text, in hex. */
  public static String hash(JsonNode node) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(write(node).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
