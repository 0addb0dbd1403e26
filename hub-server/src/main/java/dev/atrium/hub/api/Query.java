package dev.atrium.hub.api;

import dev.atrium.hub.request.ApiException;
import io.vertx.core.MultiMap;

/** Query parameters with Kubernetes' parsing rules. */
public record Query(MultiMap params) {

  public String get(String name) {
    return params.get(name);
  }

  public String get(String name, String fallback) {
    String v = params.get(name);
    return v == null ? fallback : v;
  }

  /** Only "0" and "false" (any case) are false, as apimachinery parses query booleans. */
  public boolean flag(String name) {
    String v = params.get(name);
    if (v == null) {
      return false;
    }
    return !(v.equals("0") || v.equalsIgnoreCase("false"));
  }

  public long number(String name, long fallback) {
    String v = params.get(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid value for " + name + ": \"" + v + "\"");
    }
  }

  public boolean dryRun() {
    String v = params.get("dryRun");
    if (v == null || v.isEmpty()) {
      return false;
    }
    if (!v.equals("All")) {
      throw ApiException.badRequest("Invalid dry run value: " + v + ", only \"All\" is supported");
    }
    return true;
  }
}
