package dev.atrium.hub.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;

/**
 * Decodes a Kubernetes protobuf request body ({@code application/vnd.kubernetes.protobuf}) into the
 * JSON object a JSON client would have sent for the same object.
 *
 * <p>The body is the magic {@code k8s\0} followed by a {@code runtime.Unknown} envelope whose
 * {@code raw} is the k8s.io/api message named by its {@code typeMeta}. The message types come from
 * client-java-proto ({@link ProtobufTypeRegistry}); the conversion is generic ({@link
 * ProtobufJsonConverter}).
 */
public final class ProtobufBodyDecoder {

  public static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ProtobufBodyDecoder() {}

  /**
   * The body as a JSON object, {@code apiVersion} and {@code kind} first.
   *
   * @throws ProtobufDecodeException if the body is not a Kubernetes protobuf object of a known kind
   */
  public static ObjectNode decode(byte[] body) {
    if (!hasMagic(body)) {
      throw new ProtobufDecodeException(
          "not a Kubernetes protobuf body: missing the k8s\\0 prefix");
    }
    ProtobufEnvelope envelope = ProtobufEnvelope.parse(body, MAGIC.length);
    checkEnvelope(envelope);
    ObjectNode content = envelope.isJson() ? jsonContent(envelope) : protobufContent(envelope);
    return withTypeMeta(envelope, content);
  }

  /** True if the bytes start with {@code k8s\0}. */
  public static boolean hasMagic(byte[] body) {
    if (body == null || body.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (body[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static void checkEnvelope(ProtobufEnvelope envelope) {
    if (envelope.apiVersion().isEmpty() || envelope.kind().isEmpty()) {
      throw new ProtobufDecodeException(
          "protobuf body has no apiVersion/kind (got " + envelope.groupVersionKind() + ")");
    }
    if (!envelope.contentEncoding().isEmpty()) {
      throw new ProtobufDecodeException(
          "unsupported protobuf content encoding " + envelope.contentEncoding());
    }
  }

  private static ObjectNode protobufContent(ProtobufEnvelope envelope) {
    Descriptor type = ProtobufTypeRegistry.find(envelope.apiVersion(), envelope.kind());
    if (type == null) {
      throw new ProtobufDecodeException(
          "no protobuf type registered for " + envelope.groupVersionKind());
    }
    try {
      return ProtobufJsonConverter.object(DynamicMessage.parseFrom(type, envelope.raw()));
    } catch (InvalidProtocolBufferException e) {
      throw new ProtobufDecodeException(
          "cannot parse " + envelope.groupVersionKind() + " from protobuf: " + e.getMessage(), e);
    }
  }

  /** An envelope may carry JSON instead of protobuf (contentType application/json). */
  private static ObjectNode jsonContent(ProtobufEnvelope envelope) {
    try {
      JsonNode node = MAPPER.readTree(envelope.raw().toByteArray());
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      throw new ProtobufDecodeException(
          "embedded JSON " + envelope.groupVersionKind() + " is invalid", e);
    }
    throw new ProtobufDecodeException(
        "embedded JSON " + envelope.groupVersionKind() + " is not an object");
  }

  private static ObjectNode withTypeMeta(ProtobufEnvelope envelope, ObjectNode content) {
    ObjectNode out = ProtobufJsonConverter.JSON.objectNode();
    out.put("apiVersion", envelope.apiVersion());
    out.put("kind", envelope.kind());
    content.remove("apiVersion");
    content.remove("kind");
    out.setAll(content);
    return out;
  }
}
