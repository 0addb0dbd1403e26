package dev.atrium.hub.api.openapi;

import dev.atrium.hub.api.Responses;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.ResourceType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.SortedMap;

/**
 * Answers one {@code /openapi/v3...} request. Documents not yet cached are built on a worker
 * thread. Hashed URLs are immutable; the index and unhashed URLs must be revalidated (Etag).
 */
final class OpenApiResponder {

  static final String IMMUTABLE = "public, immutable, max-age=31536000";
  static final String REVALIDATE = "no-cache, private";

  private final OpenApiV3 openApi;
  private final RoutingContext ctx;
  private final String path;
  private final String prefix;

  OpenApiResponder(OpenApiV3 openApi, RoutingContext ctx, String path, String prefix) {
    this.openApi = openApi;
    this.ctx = ctx;
    this.path = path;
    this.prefix = prefix;
  }

  void respond(String cluster, List<ResourceType> served, CustomSchemaSource source) {
    if (openApi.cached(cluster, served, source)) {
      respond(openApi.documents(cluster, served, source));
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> openApi.documents(cluster, served, source), false)
        .onComplete(
            result -> {
              if (result.failed()) {
                Responses.failure(ctx, result.cause(), "", "");
              } else {
                respond(result.result());
              }
            });
  }

  private void respond(SortedMap<String, OpenApiDocument> documents) {
    if (path.equals(OpenApiV3.ROOT)) {
      send(openApi.index(prefix, documents), false);
      return;
    }
    String documentPath =
        path.startsWith(OpenApiV3.ROOT + "/") ? path.substring(OpenApiV3.ROOT.length() + 1) : "";
    OpenApiDocument document = documents.get(documentPath);
    if (document == null) {
      Responses.error(ctx, ApiException.notFoundPath());
      return;
    }
    String hash = ctx.request().getParam("hash");
    if (hash != null && !hash.isEmpty() && !hash.equals(document.hash())) {
      ctx.response()
          .setStatusCode(301)
          .putHeader("Location", OpenApiV3.url(prefix, documentPath, document.hash()))
          .putHeader("Cache-Control", REVALIDATE)
          .end();
      return;
    }
    send(document, hash != null && !hash.isEmpty());
  }

  private void send(OpenApiDocument document, boolean hashed) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    String etag = "\"" + document.hash() + "\"";
    response.putHeader("Etag", etag);
    response.putHeader("Cache-Control", hashed ? IMMUTABLE : REVALIDATE);
    if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
      response.setStatusCode(304).end();
      return;
    }
    response
        .setStatusCode(200)
        .putHeader("Content-Type", Responses.APPLICATION_JSON)
        .end(Buffer.buffer(document.body()));
  }
}
