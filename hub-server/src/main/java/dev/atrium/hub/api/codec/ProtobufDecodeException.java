package dev.atrium.hub.api.codec;

/** A Kubernetes protobuf request body that cannot be turned into JSON. */
public class ProtobufDecodeException extends IllegalArgumentException {

  public ProtobufDecodeException(String message) {
    super(message);
  }

  public ProtobufDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
