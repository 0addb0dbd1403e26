package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.api.health.HealthChecks;
import dev.atrium.hub.api.openapi.OpenApiV2;
import dev.atrium.hub.api.openapi.OpenApiV3;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.model.catalog.ResourceType;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/** /api, /apis (legacy and aggregated discovery), /version, health endpoints, /openapi. */
@ApplicationScoped
public class NonResourceHandler {

  static final String MINOR = "33";
  private static final Set<String> HEALTH = Set.of("/healthz", "/livez", "/readyz");

  @Inject ApiResources apiResources;
  @Inject OpenApiV3 openApiV3;
  @Inject OpenApiV2 openApiV2;
  @Inject HealthChecks healthChecks;

  boolean handlesAnonymously(RequestInfo info) {
    return !info.resourceRequest()
        && (HEALTH.contains(trim(info.path())) || trim(info.path()).equals("/version"));
  }

  void handle(RoutingContext ctx, RequestInfo info, UserInfo user) {
    String path = trim(info.path());
    if (!info.verb().equals("get") && !info.verb().equals("head")) {
      throw ApiException.methodNotAllowed(
          "the server does not allow this method on the requested resource");
    }
    if (HealthChecks.handles(path)) {
      healthChecks.handle(ctx, path);
      return;
    }
    if (path.equals("/version")) {
      Responses.json(ctx, 200, version());
      return;
    }
    List<ResourceType> types = apiResources.served(info.cluster());
    String accept = ctx.request().getHeader("Accept");
    if (path.equals("/api")) {
      discovery(ctx, accept, types, true);
      return;
    }
    if (path.equals("/apis")) {
      discovery(ctx, accept, types, false);
      return;
    }
    if (path.equals("/api/v1")) {
      Responses.json(ctx, 200, Discovery.resourceList("v1", filter(types, "", "v1")));
      return;
    }
    String[] parts = path.split("/");
    if (parts.length == 3 && parts[1].equals("apis")) {
      List<String> versions = Discovery.groups(types).get(parts[2]);
      if (versions != null) {
        Responses.json(ctx, 200, Discovery.apiGroup(parts[2], versions));
        return;
      }
    }
    if (parts.length == 4 && parts[1].equals("apis")) {
      List<ResourceType> gv = filter(types, parts[2], parts[3]);
      if (!gv.isEmpty()) {
        Responses.json(ctx, 200, Discovery.resourceList(parts[2] + "/" + parts[3], gv));
        return;
      }
    }
    if (path.equals("/openapi/v3") || path.startsWith("/openapi/v3/")) {
      String prefix = OpenApiV3.prefix(info.cluster(), ctx.request().path());
      openApiV3.handle(ctx, info.cluster(), path, prefix, types);
      return;
    }
    if (path.equals("/openapi/v2")) {
      openApiV2.handle(ctx, info.cluster(), types);
      return;
    }
    throw ApiException.notFoundPath();
  }

  private static void discovery(
      RoutingContext ctx, String accept, List<ResourceType> types, boolean core) {
    String aggregated = Accept.discoveryVersion(accept);
    if (aggregated != null) {
      String contentType =
          "application/json;g=apidiscovery.k8s.io;v=" + aggregated + ";as=APIGroupDiscoveryList";
      Responses.json(ctx, 200, Discovery.aggregated(types, core, aggregated), contentType);
      return;
    }
    String host =
        ctx.request().authority() == null ? "127.0.0.1:6443" : ctx.request().authority().toString();
    Responses.json(ctx, 200, core ? Discovery.apiVersions(host) : Discovery.apiGroupList(types));
  }

  private static List<ResourceType> filter(List<ResourceType> types, String group, String version) {
    return types.stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version))
        .toList();
  }

  private static String trim(String path) {
    String p = path.replaceAll("/+$", "");
    return p.isEmpty() ? "/" : p;
  }

  static ObjectNode version() {
    ObjectNode v = JsonNodeFactory.instance.objectNode();
    v.put("major", "1");
    v.put("minor", MINOR);
    v.put("gitVersion", "v1." + MINOR + ".0-atrium.0.1.0");
    v.put("gitCommit", "atrium");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2026-11-22T00:00:00Z");
    v.put("goVersion", "java" + Runtime.version().feature());
    v.put("compiler", "javac");
    v.put(
        "platform",
        System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch"));
    return v;
  }
}
