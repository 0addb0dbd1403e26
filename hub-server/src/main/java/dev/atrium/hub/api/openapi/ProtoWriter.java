package dev.atrium.hub.api.openapi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol buffers writer for one message: proto3 semantics, so default values (empty
 * strings, false, 0) are left out. Nested messages are written to their own writer first and then
 * copied in, length-delimited.
 */
final class ProtoWriter {

  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtoWriter string(int field, String value) {
    if (value != null && !value.isEmpty()) {
      bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  /** An element of a repeated string field: written even when empty. */
  ProtoWriter stringAlways(int field, String value) {
    bytes(field, value.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** A bool member of a oneof: written even when false, since its presence is the choice. */
  ProtoWriter boolAlways(int field, boolean value) {
    tag(field, VARINT);
    out.write(value ? 1 : 0);
    return this;
  }

  ProtoWriter bool(int field, boolean value) {
    if (value) {
      tag(field, VARINT);
      out.write(1);
    }
    return this;
  }

  ProtoWriter int64(int field, long value) {
    if (value != 0) {
      tag(field, VARINT);
      varint(value);
    }
    return this;
  }

  ProtoWriter float64(int field, double value) {
    if (Double.doubleToRawLongBits(value) != 0) {
      tag(field, FIXED64);
      long bits = Double.doubleToRawLongBits(value);
      for (int i = 0; i < 8; i++) {
        out.write((int) (bits >>> (8 * i)) & 0xff);
      }
    }
    return this;
  }

  /** A nested message; written even when empty, since presence matters for messages. */
  ProtoWriter message(int field, ProtoWriter message) {
    bytes(field, message.toByteArray());
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    varint(value.length);
    out.write(value, 0, value.length);
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  private void varint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
