package dev.atrium.hub.api;

import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.model.catalog.ResourceType;
import io.vertx.ext.web.RoutingContext;

/** A parsed, authenticated resource request. */
public record ApiRequest(
    RoutingContext ctx, RequestInfo info, ResourceType type, UserInfo user, Query query) {

  public String cluster() {
    return info.cluster();
  }

  public String namespace() {
    return type.namespaced() ? info.namespace() : "";
  }

  public String name() {
    return info.name();
  }

  public ObjectKey key() {
    return new ObjectKey(cluster(), type.group(), type.plural(), namespace(), info.name());
  }

  public ResourceScope scope() {
    return new ResourceScope(cluster(), type.group(), type.plural(), namespace());
  }

  public String accept() {
    return ctx.request().getHeader("Accept");
  }

  public String contentType() {
    return ctx.request().getHeader("Content-Type");
  }

  public byte[] body() {
    return ctx.body() == null || ctx.body().buffer() == null
        ? new byte[0]
        : ctx.body().buffer().getBytes();
  }

  /** The body's length, without copying it. */
  public int bodyLength() {
    return ctx.body() == null || ctx.body().buffer() == null ? 0 : ctx.body().length();
  }

  public void fail(Throwable failure) {
    Responses.failure(ctx, failure, type.qualifiedResource(), info.name());
  }
}
