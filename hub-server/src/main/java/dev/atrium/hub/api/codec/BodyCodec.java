package dev.atrium.hub.api.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.atrium.hub.request.ApiException;
import java.io.IOException;

/** Request bodies in JSON, YAML or Kubernetes protobuf, as JSON objects. */
public final class BodyCodec {

  /** kube-apiserver's request body limit. */
  public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  /**
   * The deepest nesting a body may have. Kubernetes' JSON decoder allows 10,000 levels; the hub
   * walks bodies recursively (shape checks, managed fields, patches), so it keeps Jackson's 1,000:
   * deeper than any real object, shallow enough that no walk can exhaust a thread's stack.
   */
  public static final int MAX_NESTING_DEPTH = 1000;

  private static final ObjectMapper JSON = new ObjectMapper(bounded(new JsonFactory()));
  private static final ObjectMapper YAML = new ObjectMapper(bounded(new YAMLFactory()));

  private BodyCodec() {}

  /**
   * A factory for untrusted bodies: nesting bounded, and field names not interned (a body may carry
   * a hundred thousand distinct keys; interning them all into the JVM's string table took seconds).
   */
  private static <F extends JsonFactory> F bounded(F factory) {
    factory.disable(JsonFactory.Feature.INTERN_FIELD_NAMES);
    factory.setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    return factory;
  }

  public static String mediaType(String contentType) {
    if (contentType == null) {
      return "application/json";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase();
  }

  /** Decodes an object body of {@code contentType}; patch types are handled by the caller. */
  public static ObjectNode decodeObject(String contentType, byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("the request body is empty");
    }
    checkSize(body);
    String media = mediaType(contentType);
    switch (media) {
      case "application/json":
        return asObject(parse(JSON, body));
      case "application/yaml":
      case "application/apply-patch+yaml":
        return asObject(parse(YAML, body));
      case "application/vnd.kubernetes.protobuf":
        return decodeProtobuf(body);
      default:
        throw ApiException.unsupportedMediaType(contentType);
    }
  }

  /** Parses any JSON document (patch bodies). */
  public static JsonNode parseJson(byte[] body) {
    checkSize(body);
    return parse(JSON, body);
  }

  public static JsonNode parseYaml(byte[] body) {
    checkSize(body);
    return parse(YAML, body);
  }

  private static void checkSize(byte[] body) {
    if (body.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
  }

  /** kube-apiserver's answer to a body over {@link #MAX_BODY_BYTES}. */
  public static ApiException tooLarge() {
    return new ApiException(
        413, "RequestEntityTooLarge", "Request entity too large: limit is " + MAX_BODY_BYTES, null);
  }

  private static ObjectNode decodeProtobuf(byte[] body) {
    try {
      return ProtobufBodyDecoder.decode(body);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "the body of the request could not be decoded: " + e.getMessage());
    }
  }

  private static JsonNode parse(ObjectMapper mapper, byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badRequest("the request body is empty");
      }
      return node;
    } catch (IOException e) {
      throw ApiException.badRequest(
          "the body of the request could not be decoded: " + e.getMessage().split("\n")[0]);
    }
  }

  private static ObjectNode asObject(JsonNode node) {
    if (!node.isObject()) {
      throw ApiException.badRequest("the body of the request must be a JSON or YAML object");
    }
    return (ObjectNode) node;
  }
}
