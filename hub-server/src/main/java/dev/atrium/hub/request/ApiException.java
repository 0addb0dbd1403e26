package dev.atrium.hub.request;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A failure that already knows its Kubernetes {@code Status}: code, reason, message and details.
 */
public final class ApiException extends RuntimeException {

  private final int code;
  private final String reason;
  private final ObjectNode details;

  public ApiException(int code, String reason, String message, ObjectNode details) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public ObjectNode details() {
    return details;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null);
  }

  public static ApiException notFound(String qualifiedResource, String name) {
    String message =
        name.isEmpty()
            ? "the server could not find the requested resource"
            : qualifiedResource + " \"" + name + "\" not found";
    return new ApiException(404, "NotFound", message, details(qualifiedResource, name));
  }

  public static ApiException notFoundPath() {
    return new ApiException(
        404, "NotFound", "the server could not find the requested resource", null);
  }

  public static ApiException methodNotAllowed(String message) {
    return new ApiException(405, "MethodNotAllowed", message, null);
  }

  public static ApiException unsupportedMediaType(String contentType) {
    return new ApiException(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include:"
            + " application/json, application/yaml, application/vnd.kubernetes.protobuf",
        null);
  }

  public static ApiException invalid(
      String qualifiedResource, String kind, String name, List<Cause> causes) {
    StringBuilder msg =
        new StringBuilder(kind).append(' ').append('"').append(name).append("\" is invalid: ");
    for (int i = 0; i < causes.size(); i++) {
      if (i > 0) {
        msg.append(", ");
      }
      msg.append(causes.get(i).field()).append(": ").append(causes.get(i).message());
    }
    if (causes.size() > 1) {
      msg.insert(msg.indexOf("is invalid: ") + 12, "[").append(']');
    }
    ObjectNode details = details(qualifiedResource, name);
    details.put("kind", kind);
    var array = details.putArray("causes");
    for (Cause c : causes) {
      array
          .addObject()
          .put("reason", c.reason())
          .put("message", c.message())
          .put("field", c.field());
    }
    return new ApiException(422, "Invalid", msg.toString(), details);
  }

  public static ObjectNode details(String qualifiedResource, String name) {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    if (name != null && !name.isEmpty()) {
      d.put("name", name);
    }
    int dot = qualifiedResource.indexOf('.');
    if (dot > 0) {
      d.put("group", qualifiedResource.substring(dot + 1));
      d.put("kind", qualifiedResource.substring(0, dot));
    } else {
      d.put("kind", qualifiedResource);
    }
    return d;
  }

  /** One field error of an Invalid status. */
  public record Cause(String reason, String message, String field) {
    public static Cause required(String field, String detail) {
      return new Cause("FieldValueRequired", "Required value" + suffix(detail), field);
    }

    public static Cause invalidValue(String field, String value, String detail) {
      return new Cause(
          "FieldValueInvalid", "Invalid value: \"" + value + "\"" + suffix(detail), field);
    }

    private static String suffix(String detail) {
      return detail == null || detail.isEmpty() ? "" : ": " + detail;
    }
  }
}
