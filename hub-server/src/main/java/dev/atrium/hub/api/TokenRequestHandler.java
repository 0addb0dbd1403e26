package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.api.codec.BodyCodec;
import dev.atrium.hub.auth.tokens.ServiceAccountClaims;
import dev.atrium.hub.auth.tokens.ServiceAccountTokens;
import dev.atrium.hub.auth.tokens.TokenSigner;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST .../serviceaccounts/<name>/token}: a TokenRequest answered with a signed JWT bound to
 * (workspace, namespace, service account uid), as {@code kubectl create token} expects.
 */
@ApplicationScoped
public class TokenRequestHandler {

  @Inject GenericRegistry registry;
  @Inject ServiceAccountTokens tokens;

  void create(ApiRequest req) {
    ObjectNode body = BodyCodec.decodeObject(req.contentType(), req.body());
    JsonNode spec = body.path("spec");
    long seconds = expiration(spec);
    List<String> audiences = new ArrayList<>();
    spec.path("audiences").forEach(a -> audiences.add(a.asText()));
    if (audiences.isEmpty()) {
      audiences.addAll(tokens.apiAudiences());
    }
    registry
        .get(req.key())
        .onFailure(StorageException.NotFound.class)
        .transform(f -> ApiException.notFound("serviceaccounts", req.name()))
        .subscribe()
        .with(
            sa -> Responses.json(req.ctx(), 201, respond(req, sa.body(), spec, audiences, seconds)),
            req::fail);
  }

  private ObjectNode respond(
      ApiRequest req, ObjectNode sa, JsonNode spec, List<String> audiences, long seconds) {
    TokenSigner signer = tokens.signer();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ServiceAccountClaims claims =
        signer.claims(
            req.cluster(),
            req.namespace(),
            req.name(),
            ObjectMeta.uid(sa),
            audiences,
            now,
            seconds);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("kind", "TokenRequest");
    out.put("apiVersion", "authentication.k8s.io/v1");
    out.putObject("metadata")
        .put("name", req.name())
        .put("namespace", req.namespace())
        .put("creationTimestamp", now.toString());
    ObjectNode outSpec = out.putObject("spec");
    var aud = outSpec.putArray("audiences");
    audiences.forEach(aud::add);
    outSpec.put("expirationSeconds", seconds);
    if (spec.has("boundObjectRef")) {
      outSpec.set("boundObjectRef", spec.get("boundObjectRef"));
    }
    out.putObject("status")
        .put("token", signer.issue(claims))
        .put("expirationTimestamp", claims.expiresAt().toString());
    return out;
  }

  private static long expiration(JsonNode spec) {
    JsonNode e = spec.get("expirationSeconds");
    if (e == null || e.isNull() || e.asLong(0) == 0) {
      return ServiceAccountTokens.DEFAULT_EXPIRATION_SECONDS;
    }
    long seconds = e.asLong();
    if (seconds < ServiceAccountTokens.MIN_EXPIRATION_SECONDS) {
      throw ApiException.invalid(
          "serviceaccounts",
          "TokenRequest",
          "",
          List.of(
              ApiException.Cause.invalidValue(
                  "spec.expirationSeconds",
                  Long.toString(seconds),
                  "may not specify a duration less than 10 minutes")));
    }
    return Math.min(seconds, ServiceAccountTokens.MAX_EXPIRATION_SECONDS);
  }
}
