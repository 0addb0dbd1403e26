package dev.atrium.hub.api.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * The {@code runtime.Unknown} message that follows the {@code k8s\0} magic: {@code typeMeta} (1:
 * apiVersion, 2: kind), {@code raw} (2), {@code contentEncoding} (3), {@code contentType} (4).
 * Parsed by hand, all four fields are length-delimited.
 */
record ProtobufEnvelope(
    String apiVersion, String kind, ByteString raw, String contentEncoding, String contentType) {

  static ProtobufEnvelope parse(byte[] body, int offset) {
    try {
      return read(CodedInputStream.newInstance(body, offset, body.length - offset));
    } catch (IOException | IllegalArgumentException e) {
      throw new ProtobufDecodeException(
          "cannot parse the protobuf envelope (runtime.Unknown): " + e.getMessage(), e);
    }
  }

  String groupVersionKind() {
    return ProtobufTypeRegistry.key(apiVersion, kind);
  }

  boolean isJson() {
    return contentType.startsWith("application/json");
  }

  private static ProtobufEnvelope read(CodedInputStream in) throws IOException {
    String[] typeMeta = {"", ""};
    ByteString raw = ByteString.EMPTY;
    String encoding = "";
    String contentType = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (lengthDelimitedField(tag)) {
        case 1 -> typeMeta = readTypeMeta(in.readBytes());
        case 2 -> raw = in.readBytes();
        case 3 -> encoding = in.readStringRequireUtf8();
        case 4 -> contentType = in.readStringRequireUtf8();
        default -> in.skipField(tag);
      }
    }
    return new ProtobufEnvelope(typeMeta[0], typeMeta[1], raw, encoding, contentType);
  }

  private static String[] readTypeMeta(ByteString bytes) throws IOException {
    CodedInputStream in = bytes.newCodedInput();
    String[] typeMeta = {"", ""};
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int field = lengthDelimitedField(tag);
      if (field == 1 || field == 2) {
        typeMeta[field - 1] = in.readStringRequireUtf8();
      } else {
        in.skipField(tag);
      }
    }
    return typeMeta;
  }

  /** The field number; fields 1 to 4 must be length-delimited. */
  private static int lengthDelimitedField(int tag) throws IOException {
    int field = WireFormat.getTagFieldNumber(tag);
    if (field >= 1
        && field <= 4
        && WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      throw new IOException("field " + field + " has wire type " + WireFormat.getTagWireType(tag));
    }
    return field;
  }
}
