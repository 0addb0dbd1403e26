package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds single operations. kubectl reads {@code x-kubernetes-group-version-kind}, the {@code
 * fieldValidation} parameter and the PATCH request content types from them.
 */
final class Operations {

  static final String PATCH_DEFINITION = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
  static final String DELETE_OPTIONS = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";
  static final String STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";

  private static final String[] RESPONSE_TYPES = {"application/json", "application/yaml"};

  private Operations() {}

  /**
   * One operation.
   *
   * @param action the {@code x-kubernetes-action}: get, list, post, put, patch, delete,
   *     deletecollection
   * @param id the operationId, e.g. patchAppsV1NamespacedDeployment
   * @param tag e.g. apps_v1
   * @param gvk the kind the operation works on
   */
  static ObjectNode operation(String action, String id, String tag, String description, Gvk gvk) {
    ObjectNode op = Json.object();
    op.set("tags", Json.strings(tag));
    op.put("description", description);
    op.put("operationId", id);
    op.put("x-kubernetes-action", action);
    op.set("x-kubernetes-group-version-kind", gvk.node());
    return op;
  }

  static ObjectNode withParameters(ObjectNode op, ArrayNode parameters) {
    op.set("parameters", parameters);
    return op;
  }

  /** A request body of one schema, offered as JSON and YAML (POST, PUT, DELETE). */
  static ObjectNode withBody(ObjectNode op, String definition, boolean required) {
    ObjectNode content = Json.object();
    for (String type : RESPONSE_TYPES) {
      content.set(type, Json.object().set("schema", Json.ref(definition)));
    }
    ObjectNode body = Json.object();
    body.set("content", content);
    body.put("required", required);
    op.set("requestBody", body);
    return op;
  }

  /** The PATCH body: strategic merge patch only where the server has the built-in schema. */
  static ObjectNode withPatchBody(ObjectNode op, boolean strategicMerge) {
    ObjectNode content = Json.object();
    content.set("application/apply-patch+yaml", patchSchema());
    content.set("application/json-patch+json", patchSchema());
    content.set("application/merge-patch+json", patchSchema());
    if (strategicMerge) {
      content.set("application/strategic-merge-patch+json", patchSchema());
    }
    ObjectNode body = Json.object();
    body.set("content", content);
    body.put("required", true);
    op.set("requestBody", body);
    return op;
  }

  private static ObjectNode patchSchema() {
    return Json.object().set("schema", Json.ref(PATCH_DEFINITION));
  }

  /** Responses with the given codes, each returning {@code definition}, plus 401. */
  static ObjectNode withResponses(ObjectNode op, String definition, String... codes) {
    ObjectNode responses = Json.object();
    for (String code : codes) {
      ObjectNode content = Json.object();
      for (String type : RESPONSE_TYPES) {
        content.set(type, Json.object().set("schema", Json.ref(definition)));
      }
      ObjectNode response = Json.object().put("description", description(code));
      response.set("content", content);
      responses.set(code, response);
    }
    responses.set("401", Json.object().put("description", "Unauthorized"));
    op.set("responses", responses);
    return op;
  }

  private static String description(String code) {
    return switch (code) {
      case "201" -> "Created";
      case "202" -> "Accepted";
      default -> "OK";
    };
  }
}
