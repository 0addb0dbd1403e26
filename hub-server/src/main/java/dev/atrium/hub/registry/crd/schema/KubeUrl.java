package dev.atrium.hub.registry.crd.schema;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A URL as the Kubernetes CEL {@code url()} function returns it (Go's {@code url.ParseRequestURI}:
 * an absolute URI or an absolute path).
 */
record KubeUrl(
    String text,
    String scheme,
    String host,
    String hostname,
    String port,
    String path,
    String rawQuery) {

  /** The URL, or null when {@code text} is not an absolute URI or absolute path. */
  static KubeUrl parse(String text) {
    if (text.isEmpty() || text.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return null;
    }
    if (!uri.isAbsolute() && !text.startsWith("/")) {
      return null;
    }
    if (uri.isOpaque()) {
      return new KubeUrl(text, uri.getScheme(), "", "", "", "", "");
    }
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    int at = authority.lastIndexOf('@');
    String host = at >= 0 ? authority.substring(at + 1) : authority;
    String hostname = host;
    String port = "";
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      hostname = close > 0 ? host.substring(1, close) : host;
      if (close > 0 && host.length() > close + 1 && host.charAt(close + 1) == ':') {
        port = host.substring(close + 2);
      }
    } else {
      int colon = host.lastIndexOf(':');
      if (colon >= 0) {
        hostname = host.substring(0, colon);
        port = host.substring(colon + 1);
      }
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    return new KubeUrl(text, scheme, host, hostname, port, path, query);
  }

  /** Query parameters, each with all its values (as Go's {@code url.Values}). */
  Map<String, List<String>> query() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("[&;]")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq >= 0 ? pair.substring(0, eq) : pair);
      String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
