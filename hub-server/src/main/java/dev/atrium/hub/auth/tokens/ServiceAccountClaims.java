package dev.atrium.hub.auth.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a ServiceAccount token says: the workspace, namespace, service account (name, uid), its
 * audiences and validity. Serialised as the upstream claims plus {@code atrium.dev}.
 */
public record ServiceAccountClaims(
    String issuer,
    String cluster,
    String namespace,
    String name,
    String uid,
    List<String> audiences,
    Instant issuedAt,
    Instant expiresAt) {

  public static final String ATRIUM_CLAIM = "atrium.dev";

  public String username() {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  public ObjectNode toJson() {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("iss", issuer);
    c.put("sub", username());
    var aud = c.putArray("aud");
    audiences.forEach(aud::add);
    c.put("exp", expiresAt.getEpochSecond());
    c.put("iat", issuedAt.getEpochSecond());
    c.put("nbf", issuedAt.getEpochSecond());
    ObjectNode kube = c.putObject("kubernetes.io");
    kube.put("namespace", namespace);
    kube.putObject("serviceaccount").put("name", name).put("uid", uid);
    c.putObject(ATRIUM_CLAIM).put("path", cluster);
    return c;
  }

  public static ServiceAccountClaims fromJson(JsonNode c) {
    JsonNode kube = c.path("kubernetes.io");
    List<String> aud = new ArrayList<>();
    if (c.path("aud").isArray()) {
      c.path("aud").forEach(a -> aud.add(a.asText()));
    } else if (c.path("aud").isTextual()) {
      aud.add(c.path("aud").asText());
    }
    ServiceAccountClaims claims =
        new ServiceAccountClaims(
            c.path("iss").asText(""),
            c.path(ATRIUM_CLAIM).path("path").asText(""),
            kube.path("namespace").asText(""),
            kube.path("serviceaccount").path("name").asText(""),
            kube.path("serviceaccount").path("uid").asText(""),
            List.copyOf(aud),
            Instant.ofEpochSecond(c.path("iat").asLong(0)),
            Instant.ofEpochSecond(c.path("exp").asLong(0)));
    if (claims.cluster().isEmpty()
        || claims.namespace().isEmpty()
        || claims.name().isEmpty()
        || !claims.username().equals(c.path("sub").asText())) {
      throw new InvalidTokenException("not a service account token");
    }
    return claims;
  }
}
