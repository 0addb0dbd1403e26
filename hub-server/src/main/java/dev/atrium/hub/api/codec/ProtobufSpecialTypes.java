package dev.atrium.hub.api.codec;

import static dev.atrium.hub.api.codec.ProtobufJsonConverter.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The apimachinery (and apiextensions) types whose JSON form is not their proto structure:
 * IntOrString, Quantity, Time, MicroTime, Duration, RawExtension, FieldsV1, Verbs, ExtraValue and
 * the CRD schema unions.
 */
final class ProtobufSpecialTypes {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String META = ProtobufTypeRegistry.META;
  private static final String APIEXTENSIONS =
      "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.";

  private static final Map<String, Function<Message, JsonNode>> BY_FULL_NAME =
      Map.of(
          "k8s.io.apimachinery.pkg.util.intstr.IntOrString",
          ProtobufSpecialTypes::intOrString,
          "k8s.io.apimachinery.pkg.api.resource.Quantity",
          m -> JSON.textNode(string(m, "string")),
          "k8s.io.apimachinery.pkg.api.resource.QuantityValue",
          m -> JSON.textNode(string(m, "string")),
          "k8s.io.apimachinery.pkg.runtime.RawExtension",
          m -> embedded(bytes(m, "raw")),
          META + "Time",
          ProtobufSpecialTypes::time,
          META + "MicroTime",
          ProtobufSpecialTypes::microTime,
          META + "Duration",
          m -> JSON.textNode(ProtobufTimes.duration(number(m, "duration"))),
          META + "FieldsV1",
          m -> embedded(bytes(m, "Raw")),
          META + "Verbs",
          m -> strings(m, "items"));

  private static final Map<String, Function<Message, JsonNode>> APIEXTENSIONS_BY_NAME =
      Map.of(
          "JSON", m -> embedded(bytes(m, "raw")),
          "JSONSchemaPropsOrArray", ProtobufSpecialTypes::schemaOrArray,
          "JSONSchemaPropsOrBool", ProtobufSpecialTypes::schemaOrBool,
          "JSONSchemaPropsOrStringArray", ProtobufSpecialTypes::schemaOrStringArray);

  private ProtobufSpecialTypes() {}

  /** The JSON for a special message, or null if the message is an ordinary object. */
  static JsonNode convert(Message message) {
    Function<Message, JsonNode> converter =
        converterFor(message.getDescriptorForType().getFullName());
    return converter == null ? null : converter.apply(message);
  }

  private static Function<Message, JsonNode> converterFor(String fullName) {
    Function<Message, JsonNode> converter = BY_FULL_NAME.get(fullName);
    if (converter != null) {
      return converter;
    }
    String simpleName = fullName.substring(fullName.lastIndexOf('.') + 1);
    if (fullName.startsWith(APIEXTENSIONS)) {
      return APIEXTENSIONS_BY_NAME.get(simpleName);
    }
    if (fullName.startsWith("k8s.io.api.") && simpleName.equals("ExtraValue")) {
      return m -> strings(m, "items");
    }
    return null;
  }

  /** type 1 is a string, anything else an int. */
  private static JsonNode intOrString(Message m) {
    if (number(m, "type") == 1) {
      return JSON.textNode(string(m, "strVal"));
    }
    return JSON.numberNode((int) number(m, "intVal"));
  }

  /** A zero Time is sent as an empty message and written as null. */
  private static JsonNode time(Message m) {
    if (isEmptyTimestamp(m)) {
      return JSON.nullNode();
    }
    return JSON.textNode(ProtobufTimes.time(number(m, "seconds")));
  }

  private static JsonNode microTime(Message m) {
    if (isEmptyTimestamp(m)) {
      return JSON.nullNode();
    }
    return JSON.textNode(ProtobufTimes.microTime(number(m, "seconds"), (int) number(m, "nanos")));
  }

  private static boolean isEmptyTimestamp(Message m) {
    return !m.hasField(field(m, "seconds")) && !m.hasField(field(m, "nanos"));
  }

  /** Raw JSON (or a nested {@code k8s\0} protobuf object) embedded as is; empty is null. */
  static JsonNode embedded(ByteString raw) {
    if (raw.isEmpty()) {
      return JSON.nullNode();
    }
    byte[] bytes = raw.toByteArray();
    if (ProtobufBodyDecoder.hasMagic(bytes)) {
      return ProtobufBodyDecoder.decode(bytes);
    }
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new ProtobufDecodeException("embedded object is neither JSON nor protobuf", e);
    }
  }

  private static JsonNode schemaOrArray(Message m) {
    FieldDescriptor schema = field(m, "schema");
    if (m.hasField(schema)) {
      return ProtobufJsonConverter.value((Message) m.getField(schema));
    }
    ArrayNode out = JSON.arrayNode();
    for (Object item : (List<?>) m.getField(field(m, "jSONSchemas"))) {
      out.add(ProtobufJsonConverter.value((Message) item));
    }
    return out;
  }

  private static JsonNode schemaOrBool(Message m) {
    FieldDescriptor schema = field(m, "schema");
    if (m.hasField(schema)) {
      return ProtobufJsonConverter.value((Message) m.getField(schema));
    }
    return JSON.booleanNode((Boolean) m.getField(field(m, "allows")));
  }

  private static JsonNode schemaOrStringArray(Message m) {
    if (m.getRepeatedFieldCount(field(m, "property")) > 0) {
      return strings(m, "property");
    }
    FieldDescriptor schema = field(m, "schema");
    return m.hasField(schema)
        ? ProtobufJsonConverter.value((Message) m.getField(schema))
        : JSON.nullNode();
  }

  private static ArrayNode strings(Message m, String name) {
    ArrayNode out = JSON.arrayNode();
    for (Object item : (List<?>) m.getField(field(m, name))) {
      out.add((String) item);
    }
    return out;
  }

  private static FieldDescriptor field(Message m, String name) {
    FieldDescriptor field = m.getDescriptorForType().findFieldByName(name);
    if (field == null) {
      throw new IllegalStateException(
          m.getDescriptorForType().getFullName() + " has no field " + name);
    }
    return field;
  }

  private static String string(Message m, String name) {
    return (String) m.getField(field(m, name));
  }

  private static ByteString bytes(Message m, String name) {
    return (ByteString) m.getField(field(m, name));
  }

  private static long number(Message m, String name) {
    return ((Number) m.getField(field(m, name))).longValue();
  }
}
