package dev.atrium.hub.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Base64;
import java.util.List;

/**
 * Turns a Kubernetes API protobuf message into its Kubernetes JSON form by walking the descriptor:
 * set fields only, repeated fields as arrays, map fields as objects, bytes as base64, 64-bit
 * integers as numbers, and the apimachinery types with custom JSON ({@link ProtobufSpecialTypes})
 * converted by hand.
 */
final class ProtobufJsonConverter {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ProtobufJsonConverter() {}

  /** The JSON for a message value: a special form if it has one, else an object. */
  static JsonNode value(Message message) {
    JsonNode special = ProtobufSpecialTypes.convert(message);
    return special != null ? special : object(message);
  }

  static ObjectNode object(Message message) {
    ObjectNode out = JSON.objectNode();
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      JsonNode value = field(message, field);
      if (value != null) {
        out.set(ProtobufFieldNames.jsonName(field), value);
      }
    }
    return out;
  }

  /** The field's JSON, or null when it is absent. */
  private static JsonNode field(Message message, FieldDescriptor field) {
    if (field.isRepeated()) {
      return message.getRepeatedFieldCount(field) == 0 ? null : repeated(message, field);
    }
    if (!message.hasField(field)) {
      return null;
    }
    Object value = message.getField(field);
    return ProtobufZeroValues.omit(field, value) ? null : element(field, value);
  }

  private static JsonNode repeated(Message message, FieldDescriptor field) {
    List<?> values = (List<?>) message.getField(field);
    return field.isMapField() ? map(values) : array(field, values);
  }

  private static ArrayNode array(FieldDescriptor field, List<?> values) {
    ArrayNode out = JSON.arrayNode(values.size());
    values.forEach(value -> out.add(element(field, value)));
    return out;
  }

  /** A proto map is a list of entry messages with fields {@code key} and {@code value}. */
  private static ObjectNode map(List<?> entries) {
    ObjectNode out = JSON.objectNode();
    for (Object entry : entries) {
      Message message = (Message) entry;
      FieldDescriptor key = message.getDescriptorForType().findFieldByName("key");
      FieldDescriptor value = message.getDescriptorForType().findFieldByName("value");
      out.set(String.valueOf(message.getField(key)), element(value, message.getField(value)));
    }
    return out;
  }

  /** One value of a field (a single field's value, one array item or one map value). */
  static JsonNode element(FieldDescriptor field, Object value) {
    return switch (field.getJavaType()) {
      case MESSAGE -> value((Message) value);
      case STRING -> JSON.textNode((String) value);
      case BYTE_STRING ->
          JSON.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case BOOLEAN -> JSON.booleanNode((Boolean) value);
      case INT -> JSON.numberNode((Integer) value);
      case LONG -> integer((Long) value);
      case FLOAT, DOUBLE -> decimal(((Number) value).doubleValue());
      case ENUM -> JSON.textNode(((EnumValueDescriptor) value).getName());
    };
  }

  /** Like Jackson's parser: int when it fits, else long. */
  static JsonNode integer(long value) {
    return value == (int) value ? JSON.numberNode((int) value) : JSON.numberNode(value);
  }

  /** Go writes integral floats without a fraction ({@code 5}, not {@code 5.0}). */
  private static JsonNode decimal(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return integer((long) value);
    }
    return JSON.numberNode(value);
  }
}
