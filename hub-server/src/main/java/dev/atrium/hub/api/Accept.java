package dev.atrium.hub.api;

import java.util.HashMap;
import java.util.Map;

/** Content negotiation on the Accept header: Table and aggregated discovery media types. */
public final class Accept {

  private Accept() {}

  /** "v1" or "v1beta1" when the client asks for a meta.k8s.io Table, else null. */
  public static String tableVersion(String accept) {
    return firstMatching(accept, "Table", "meta.k8s.io", "v1", "v1beta1");
  }

  /** "v2" or "v2beta1" when the client asks for aggregated discovery, else null. */
  public static String discoveryVersion(String accept) {
    return firstMatching(accept, "APIGroupDiscoveryList", "apidiscovery.k8s.io", "v2", "v2beta1");
  }

  private static String firstMatching(String accept, String as, String group, String... versions) {
    if (accept == null) {
      return null;
    }
    for (String clause : accept.split(",")) {
      Map<String, String> params = params(clause);
      if (as.equals(params.get("as")) && group.equals(params.get("g"))) {
        String v = params.get("v");
        for (String candidate : versions) {
          if (candidate.equals(v)) {
            return v;
          }
        }
      }
    }
    return null;
  }

  private static Map<String, String> params(String clause) {
    Map<String, String> result = new HashMap<>();
    String[] parts = clause.split(";");
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) {
        result.put(parts[i].substring(0, eq).trim(), parts[i].substring(eq + 1).trim());
      }
    }
    return result;
  }
}
