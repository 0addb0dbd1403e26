package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.api.codec.BodyCodec;
import dev.atrium.hub.auth.Authorizer;
import dev.atrium.model.catalog.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Access reviews: SelfSubjectAccessReview answers for the caller by asking the {@link Authorizer};
 * nothing is stored.
 */
@ApplicationScoped
public class ReviewHandler {

  @Inject Authorizer authorizer;

  static boolean handles(ResourceType type) {
    return type.group().equals("authorization.k8s.io")
        || type.group().equals("authentication.k8s.io");
  }

  void create(ApiRequest req) {
    ObjectNode body = BodyCodec.decodeObject(req.contentType(), req.body());
    if (!req.type().kind().equals("SelfSubjectAccessReview")) {
      throw ApiException.methodNotAllowed(req.type().kind() + " is not supported yet");
    }
    com.fasterxml.jackson.databind.JsonNode attrs = body.path("spec").path("resourceAttributes");
    RequestInfo asked =
        new RequestInfo(
            req.cluster(),
            "",
            attrs.path("verb").asText(""),
            true,
            "apis",
            attrs.path("group").asText(""),
            attrs.path("version").asText(""),
            attrs.path("namespace").asText(""),
            attrs.path("resource").asText(""),
            attrs.path("name").asText(""),
            attrs.path("subresource").asText(""));
    boolean allowed = authorizer.allowed(req.user(), asked);
    body.put("apiVersion", req.type().apiVersion());
    body.put("kind", req.type().kind());
    ObjectNode status = body.putObject("status");
    status.put("allowed", allowed);
    if (!allowed) {
      status.put("reason", "no RBAC policy matched");
    }
    Responses.json(req.ctx(), 201, body);
  }
}
