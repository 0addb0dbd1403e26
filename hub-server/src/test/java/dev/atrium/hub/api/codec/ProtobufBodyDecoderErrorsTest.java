package dev.atrium.hub.api.codec;

import static dev.atrium.hub.api.codec.ProtobufTestMessages.body;
import static dev.atrium.hub.api.codec.ProtobufTestMessages.kind;
import static dev.atrium.hub.api.codec.ProtobufTestMessages.meta;
import static dev.atrium.hub.api.codec.ProtobufTestMessages.withMagic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtobufBodyDecoderErrorsTest {

  private static ProtobufDecodeException failure(byte[] body) {
    return assertThrows(ProtobufDecodeException.class, () -> ProtobufBodyDecoder.decode(body));
  }

  @Test
  void missingMagic() {
    byte[] json = "{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8);
    assertTrue(failure(json).getMessage().contains("missing the k8s\\0 prefix"));
    assertTrue(failure(new byte[] {'k', '8', 's'}).getMessage().contains("prefix"));
    assertTrue(failure(null).getMessage().contains("prefix"));
  }

  @Test
  void unparseableEnvelope() {
    ProtobufDecodeException e = failure(withMagic(new byte[] {0x0a, 0x7f, 0x01}));
    assertTrue(e.getMessage().startsWith("cannot parse the protobuf envelope"), e.getMessage());
    assertTrue(failure(withMagic(new byte[] {0x08, 0x01})).getMessage().contains("envelope"));
  }

  @Test
  void unknownKind() {
    byte[] body = kind("v1", "ConfigMap").set("metadata", meta("x")).build().toByteArray();
    ProtobufDecodeException e = failure(body("apps/v1", "Foo", ByteString.copyFrom(body), ""));
    assertEquals("no protobuf type registered for apps/v1, Kind=Foo", e.getMessage());
    assertEquals(
        "no protobuf type registered for example.com/v1, Kind=Widget",
        failure(body("example.com/v1", "Widget", ByteString.EMPTY, "")).getMessage());
  }

  @Test
  void missingTypeMeta() {
    assertTrue(
        failure(body("", "", ByteString.EMPTY, "")).getMessage().contains("no apiVersion/kind"));
  }

  @Test
  void badRaw() {
    ByteString truncated = ByteString.copyFrom(new byte[] {0x0a, 0x10, 0x0a});
    ProtobufDecodeException e = failure(body("v1", "ConfigMap", truncated, ""));
    assertTrue(
        e.getMessage().startsWith("cannot parse v1, Kind=ConfigMap from protobuf"), e.getMessage());
  }

  @Test
  void badEmbeddedJson() {
    byte[] body =
        kind("apps/v1", "ControllerRevision")
            .set(
                "data",
                ProtobufTestMessages.message("k8s.io.apimachinery.pkg.runtime.RawExtension")
                    .set("raw", new byte[] {'{'}))
            .body("apps/v1", "ControllerRevision");
    assertTrue(failure(body).getMessage().contains("neither JSON nor protobuf"));
  }

  @Test
  void unsupportedContentEncoding() {
    assertTrue(
        failure(body("v1", "ConfigMap", ByteString.EMPTY, "gzip")).getMessage().contains("gzip"));
  }

  @Test
  void exceptionIsAnIllegalArgumentException() {
    assertTrue(IllegalArgumentException.class.isAssignableFrom(ProtobufDecodeException.class));
  }
}
