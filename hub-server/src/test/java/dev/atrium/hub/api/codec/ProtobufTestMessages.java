package dev.atrium.hub.api.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.io.ByteArrayOutputStream;

/**
 * Builds Kubernetes protobuf messages for tests. The client-java-proto classes cannot be loaded
 * with protobuf-java 4 (see {@link ProtobufClassFileReader}), so messages are {@link
 * DynamicMessage}s over the same descriptors.
 */
final class ProtobufTestMessages {

  static final String CORE = "k8s.io.api.core.v1.";
  static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";

  private final DynamicMessage.Builder builder;

  private ProtobufTestMessages(Descriptor type) {
    this.builder = DynamicMessage.newBuilder(type);
  }

  /** A builder for the message of an (apiVersion, kind). */
  static ProtobufTestMessages kind(String apiVersion, String kind) {
    Descriptor type = ProtobufTypeRegistry.find(apiVersion, kind);
    if (type == null) {
      throw new IllegalArgumentException("unknown kind " + apiVersion + " " + kind);
    }
    return new ProtobufTestMessages(type);
  }

  /** A builder for a message by full proto name. */
  static ProtobufTestMessages message(String fullName) {
    Descriptor type = ProtobufTypeRegistry.message(fullName);
    if (type == null) {
      throw new IllegalArgumentException("unknown message " + fullName);
    }
    return new ProtobufTestMessages(type);
  }

  /** ObjectMeta with a name. */
  static ProtobufTestMessages meta(String name) {
    return message(META + "ObjectMeta").set("name", name);
  }

  /** A builder for the message type of one of this message's fields. */
  ProtobufTestMessages sub(String field) {
    return new ProtobufTestMessages(field(field).getMessageType());
  }

  ProtobufTestMessages set(String field, Object value) {
    FieldDescriptor descriptor = field(field);
    builder.setField(descriptor, coerce(descriptor, value));
    return this;
  }

  ProtobufTestMessages add(String field, Object... values) {
    FieldDescriptor descriptor = field(field);
    for (Object value : values) {
      builder.addRepeatedField(descriptor, coerce(descriptor, value));
    }
    return this;
  }

  /** Adds one entry to a map field. */
  ProtobufTestMessages put(String field, String key, Object value) {
    FieldDescriptor descriptor = field(field);
    Descriptor entryType = descriptor.getMessageType();
    FieldDescriptor valueField = entryType.findFieldByName("value");
    DynamicMessage entry =
        DynamicMessage.newBuilder(entryType)
            .setField(entryType.findFieldByName("key"), key)
            .setField(valueField, coerce(valueField, value))
            .build();
    builder.addRepeatedField(descriptor, entry);
    return this;
  }

  DynamicMessage build() {
    return builder.build();
  }

  /** The message wrapped as a request body: magic + runtime.Unknown. */
  byte[] body(String apiVersion, String kind) {
    return body(apiVersion, kind, build().toByteString(), "");
  }

  static byte[] body(String apiVersion, String kind, ByteString raw, String contentEncoding) {
    Message unknown =
        message("k8s.io.apimachinery.pkg.runtime.Unknown")
            .set(
                "typeMeta",
                message("k8s.io.apimachinery.pkg.runtime.TypeMeta")
                    .set("apiVersion", apiVersion)
                    .set("kind", kind))
            .set("raw", raw)
            .set("contentEncoding", contentEncoding)
            .set("contentType", "")
            .build();
    return withMagic(unknown.toByteArray());
  }

  static byte[] withMagic(byte[] envelope) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    out.writeBytes(envelope);
    return out.toByteArray();
  }

  private FieldDescriptor field(String name) {
    FieldDescriptor field = builder.getDescriptorForType().findFieldByName(name);
    if (field == null) {
      throw new IllegalArgumentException(
          builder.getDescriptorForType().getName() + " has no " + name);
    }
    return field;
  }

  private static Object coerce(FieldDescriptor field, Object value) {
    if (value instanceof ProtobufTestMessages nested) {
      return nested.build();
    }
    if (value instanceof byte[] bytes) {
      return ByteString.copyFrom(bytes);
    }
    return switch (field.getJavaType()) {
      case INT -> ((Number) value).intValue();
      case LONG -> ((Number) value).longValue();
      default -> value;
    };
  }
}
