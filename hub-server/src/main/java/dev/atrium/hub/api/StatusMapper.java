package dev.atrium.hub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.storage.StorageException;
import org.jboss.logging.Logger;

/** The one place that turns failures into Kubernetes {@code Status} objects. */
public final class StatusMapper {

  private static final Logger LOG = Logger.getLogger(StatusMapper.class);

  private StatusMapper() {}

  /**
   * @param qualifiedResource e.g. "deployments.apps", or "" when the request named no resource
   * @param name the object name from the request, or ""
   */
  public static ApiException toApiException(
      Throwable failure, String qualifiedResource, String name) {
    Throwable f = unwrap(failure);
    if (f instanceof ApiException api) {
      return api;
    }
    if (f instanceof StorageException se) {
      return fromStorage(se, qualifiedResource, name);
    }
    if (f instanceof JsonProcessingException json) {
      return ApiException.badRequest(
          "the body of the request could not be decoded: " + json.getOriginalMessage());
    }
    if (f instanceof IllegalArgumentException bad) {
      return ApiException.badRequest(bad.getMessage());
    }
    LOG.error("internal error", f);
    return new ApiException(500, "InternalError", "Internal error occurred: " + f, null);
  }

  private static ApiException fromStorage(StorageException se, String qr, String name) {
    String objName = se.key() != null ? se.key().name() : name;
    if (se instanceof StorageException.NotFound) {
      return ApiException.notFound(qr, objName);
    }
    if (se instanceof StorageException.AlreadyExists) {
      return new ApiException(
          409,
          "AlreadyExists",
          qr + " \"" + objName + "\" already exists",
          ApiException.details(qr, objName));
    }
    if (se instanceof StorageException.Conflict) {
      return new ApiException(
          409,
          "Conflict",
          "Operation cannot be fulfilled on "
              + qr
              + " \""
              + objName
              + "\": the object has been modified; please apply your changes to the latest"
              + " version and try again",
          ApiException.details(qr, objName));
    }
    if (se instanceof StorageException.Expired) {
      return new ApiException(410, "Expired", se.getMessage(), null);
    }
    if (se instanceof StorageException.TooLarge) {
      return new ApiException(413, "RequestEntityTooLarge", "Request entity too large", null);
    }
    LOG.warnf("storage unavailable: %s", se.getMessage());
    // The database is away (restart, fail-over): clients retry after a second (client-go and
    // fabric8 honour Retry-After on 503) instead of waiting on this replica.
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("retryAfterSeconds", 1);
    return new ApiException(503, "ServiceUnavailable", se.getMessage(), details);
  }

  private static Throwable unwrap(Throwable f) {
    Throwable t = f;
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof io.smallrye.mutiny.CompositeException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  public static ObjectNode status(ApiException e) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", e.getMessage());
    status.put("reason", e.reason());
    if (e.details() != null) {
      status.set("details", e.details());
    }
    status.put("code", e.code());
    return status;
  }

  public static ObjectNode success(String qualifiedResource, String name, String uid) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    ObjectNode details = ApiException.details(qualifiedResource, name);
    if (uid != null) {
      details.put("uid", uid);
    }
    status.set("details", details);
    return status;
  }
}
