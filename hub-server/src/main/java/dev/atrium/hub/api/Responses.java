package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.hub.request.ApiException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON bodies and Status errors. */
public final class Responses {

  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String APPLICATION_JSON = "application/json";

  private Responses() {}

  public static void json(RoutingContext ctx, int code, JsonNode body) {
    json(ctx, code, body, APPLICATION_JSON);
  }

  public static void json(RoutingContext ctx, int code, JsonNode body, String contentType) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(code).putHeader("Content-Type", contentType).end(body.toString());
  }

  public static void error(RoutingContext ctx, ApiException e) {
    if ((e.code() == 429 || e.code() == 503)
        && e.details() != null
        && e.details().has("retryAfterSeconds")) {
      ctx.response().putHeader("Retry-After", e.details().get("retryAfterSeconds").asText());
    }
    json(ctx, e.code(), StatusMapper.status(e));
  }

  public static void failure(RoutingContext ctx, Throwable failure, String qr, String name) {
    error(ctx, StatusMapper.toApiException(failure, qr, name));
  }
}
