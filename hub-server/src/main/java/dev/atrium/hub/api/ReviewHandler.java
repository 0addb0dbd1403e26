package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.api.codec.BodyCodec;
import dev.atrium.hub.auth.Authenticator;
import dev.atrium.hub.auth.rbac.Attributes;
import dev.atrium.hub.auth.rbac.RbacAuthorizer;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.model.catalog.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reviews, answered and never stored: SelfSubjectAccessReview, SubjectAccessReview,
 * LocalSubjectAccessReview, SelfSubjectRulesReview (RBAC in the request's workspace) and
 * TokenReview (the hub's authenticator), SelfSubjectReview (who the caller is here).
 */
@ApplicationScoped
public class ReviewHandler {

  @Inject RbacAuthorizer rbac;
  @Inject Authenticator authenticator;

  static boolean handles(ResourceType type) {
    return type.group().equals("authorization.k8s.io")
        || type.group().equals("authentication.k8s.io");
  }

  void create(ApiRequest req) {
    ObjectNode body = BodyCodec.decodeObject(req.contentType(), req.body());
    body.put("apiVersion", req.type().apiVersion());
    body.put("kind", req.type().kind());
    switch (req.type().kind()) {
      case "SelfSubjectAccessReview" -> accessReview(req, body, req.user());
      case "SubjectAccessReview" -> accessReview(req, body, subject(body.path("spec")));
      case "LocalSubjectAccessReview" -> localAccessReview(req, body);
      case "SelfSubjectRulesReview" -> rulesReview(req, body);
      case "TokenReview" -> tokenReview(req, body);
      case "SelfSubjectReview" -> selfSubjectReview(req, body);
      default -> throw ApiException.methodNotAllowed(req.type().kind() + " is not supported");
    }
  }

  private void localAccessReview(ApiRequest req, ObjectNode body) {
    JsonNode attrs = body.path("spec").path("resourceAttributes");
    if (attrs.isMissingNode() || !attrs.path("namespace").asText("").equals(req.namespace())) {
      throw ApiException.badRequest(
          "spec.resourceAttributes.namespace must match namespace: " + req.namespace());
    }
    meta(body).put("namespace", req.namespace());
    accessReview(req, body, subject(body.path("spec")));
  }

  private void accessReview(ApiRequest req, ObjectNode body, UserInfo user) {
    JsonNode spec = body.path("spec");
    Attributes asked = attributes(spec);
    boolean allowed = rbac.allowed(user, req.cluster(), asked);
    ObjectNode status = body.putObject("status");
    status.put("allowed", allowed);
    if (allowed && !user.privileged()) {
      status.put("reason", "RBAC: allowed in workspace \"" + req.cluster() + "\"");
    }
    Responses.json(req.ctx(), 201, body);
  }

  static Attributes attributes(JsonNode spec) {
    JsonNode r = spec.path("resourceAttributes");
    if (r.isObject()) {
      return Attributes.resource(
          r.path("verb").asText(""),
          r.path("group").asText(""),
          r.path("resource").asText(""),
          r.path("subresource").asText(""),
          r.path("namespace").asText(""),
          r.path("name").asText(""));
    }
    JsonNode n = spec.path("nonResourceAttributes");
    if (n.isObject()) {
      return Attributes.nonResource(n.path("verb").asText(""), n.path("path").asText(""));
    }
    throw ApiException.invalid(
        "subjectaccessreviews",
        "SubjectAccessReview",
        "",
        List.of(
            ApiException.Cause.required(
                "spec.resourceAttributes",
                "exactly one of nonResourceAttributes or resourceAttributes must be specified")));
  }

  private static UserInfo subject(JsonNode spec) {
    List<String> groups = new ArrayList<>();
    spec.path("groups").forEach(g -> groups.add(g.asText()));
    String user = spec.path("user").asText("");
    if (user.isEmpty() && groups.isEmpty()) {
      throw ApiException.invalid(
          "subjectaccessreviews",
          "SubjectAccessReview",
          "",
          List.of(
              ApiException.Cause.required(
                  "spec.user", "at least one of user or group must be specified")));
    }
    return new UserInfo(user, spec.path("uid").asText(""), List.copyOf(groups));
  }

  private void rulesReview(ApiRequest req, ObjectNode body) {
    String namespace = body.path("spec").path("namespace").asText("");
    ObjectNode status = body.putObject("status");
    RulesReview.fill(status, rbac.rulesFor(req.user(), req.cluster(), namespace));
    Responses.json(req.ctx(), 201, body);
  }

  /** {@code kubectl auth whoami}: the caller as this workspace sees them. */
  private void selfSubjectReview(ApiRequest req, ObjectNode body) {
    ObjectNode u = body.putObject("status").putObject("userInfo");
    u.put("username", req.user().name());
    if (req.user().uid() != null && !req.user().uid().isEmpty()) {
      u.put("uid", req.user().uid());
    }
    var groups = u.putArray("groups");
    req.user().groups().forEach(groups::add);
    meta(body).put("creationTimestamp", dev.atrium.hub.registry.ObjectMeta.now());
    Responses.json(req.ctx(), 201, body);
  }

  private void tokenReview(ApiRequest req, ObjectNode body) {
    JsonNode spec = body.path("spec");
    String token = spec.path("token").asText("");
    authenticator
        .authenticateToken(token, req.cluster())
        .subscribe()
        .with(
            user -> {
              ObjectNode status = body.putObject("status");
              status.put("authenticated", true);
              ObjectNode u = status.putObject("user");
              u.put("username", user.name());
              u.put("uid", user.uid());
              var groups = u.putArray("groups");
              user.groups().forEach(groups::add);
              if (spec.path("audiences").isArray()) {
                status.set("audiences", spec.get("audiences"));
              }
              Responses.json(req.ctx(), 201, body);
            },
            f -> {
              ObjectNode status = body.putObject("status");
              status.put("authenticated", false);
              status.putObject("user");
              status.put("error", "invalid bearer token");
              Responses.json(req.ctx(), 201, body);
            });
  }

  private static ObjectNode meta(ObjectNode body) {
    return dev.atrium.hub.registry.ObjectMeta.of(body);
  }
}
