package dev.atrium.hub.api.codec;

import static dev.atrium.hub.api.codec.ProtobufBodyDecoderTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies captured from kubectl 1.33 against a stub server; each {@code .json} is kubectl's own JSON
 * for the same command ({@code --dry-run=client -o json}).
 */
class ProtobufCapturedBodiesTest {

  private static byte[] resource(String name) {
    try (InputStream in =
        ProtobufCapturedBodiesTest.class.getResourceAsStream("/protobuf/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "create-configmap-1.33",
        "create-namespace-1.33",
        "create-secret-1.33",
        "create-serviceaccount-1.33",
        "create-deployment-1.33",
        "create-job-1.33",
        "create-role-1.33"
      })
  void decodesLikeKubectlJson(String name) {
    JsonNode expected = json(new String(resource(name + ".json"), StandardCharsets.UTF_8));
    assertEquals(expected, ProtobufBodyDecoder.decode(resource(name + ".bin")));
  }

  @Test
  void createConfigMap() {
    assertEquals(
        json(
            """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","creationTimestamp":null},
             "data":{"a":"b"}}"""),
        ProtobufBodyDecoder.decode(resource("create-configmap-1.33.bin")));
  }

  @Test
  void createToken() {
    assertEquals(
        json(
            """
            {"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest",
             "metadata":{"creationTimestamp":null},"spec":{"expirationSeconds":600},
             "status":{"expirationTimestamp":null}}"""),
        ProtobufBodyDecoder.decode(resource("create-token-1.33.bin")));
  }

  @Test
  void authCanI() {
    assertEquals(
        json(
            """
            {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
             "metadata":{"creationTimestamp":null},
             "spec":{"resourceAttributes":{"namespace":"default","verb":"create","resource":"pods"}},
             "status":{"allowed":false}}"""),
        ProtobufBodyDecoder.decode(resource("auth-can-i-1.33.bin")));
  }
}
