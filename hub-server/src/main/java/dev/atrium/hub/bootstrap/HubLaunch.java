package dev.atrium.hub.bootstrap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the hub needs before Quarkus starts, from environment variables: data dir ({@code
 * ATRIUM_DATA_DIR}, default {@code .atrium}), bind address and port ({@code ATRIUM_BIND_ADDRESS},
 * {@code ATRIUM_PORT}), extra certificate names ({@code ATRIUM_HOSTNAMES}, comma separated), and an
 * external database ({@code ATRIUM_DB_URL} as {@code postgresql://host:port/db}, or with several
 * hosts {@code postgresql://host1:port1,host2:port2/db} as libpq writes it: connections go to the
 * one that is primary, so a fail-over to a promoted standby is followed; {@code ATRIUM_DB_USER},
 * {@code ATRIUM_DB_PASSWORD}). Mounted TLS material and token file ({@code ATRIUM_TLS_CERT_FILE},
 * {@code ATRIUM_TLS_KEY_FILE}, {@code ATRIUM_CA_FILE}, {@code ATRIUM_TOKEN_FILE}) replace the
 * generated ones, see {@link ProvidedMaterial}; {@code ATRIUM_EXTERNAL_URL} is the URL clients
 * reach the hub at (default: {@code https://<bind address or 127.0.0.1>:<port>}); {@code
 * ATRIUM_LOG_FORMAT=json} switches the console log to one JSON object per line.
 */
public final class HubLaunch {

  private final Path dataDir;
  private final String bindAddress;
  private final int port;
  private final List<String> hostnames;
  private final String dbUrl;
  private final String dbUser;
  private final String dbPassword;
  private final boolean statementStats;
  private final ProvidedMaterial provided;
  private final String logFormat;
  private final String externalUrl;
  private final Map<String, String> settings = new LinkedHashMap<>();

  private HubLaunch(Map<String, String> env) {
    dataDir = Path.of(env.getOrDefault("ATRIUM_DATA_DIR", ".atrium")).toAbsolutePath();
    bindAddress = env.getOrDefault("ATRIUM_BIND_ADDRESS", "127.0.0.1");
    port = Integer.parseInt(env.getOrDefault("ATRIUM_PORT", "6443"));
    String names = env.getOrDefault("ATRIUM_HOSTNAMES", "");
    hostnames = names.isBlank() ? List.of() : Arrays.asList(names.split("\\s*,\\s*"));
    dbUrl = env.get("ATRIUM_DB_URL");
    dbUser = env.getOrDefault("ATRIUM_DB_USER", "postgres");
    dbPassword = env.getOrDefault("ATRIUM_DB_PASSWORD", "");
    statementStats = Boolean.parseBoolean(env.getOrDefault("ATRIUM_DB_STATEMENT_STATS", "false"));
    provided = ProvidedMaterial.fromEnvironment(env);
    externalUrl = env.getOrDefault("ATRIUM_EXTERNAL_URL", "").strip();
    logFormat =
        env.getOrDefault("ATRIUM_LOG_FORMAT", "text").strip().toLowerCase(java.util.Locale.ROOT);
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw new BootstrapException(
          "ATRIUM_LOG_FORMAT must be text or json, not " + env.get("ATRIUM_LOG_FORMAT"));
    }
  }

  public static HubLaunch fromEnvironment(Map<String, String> env) {
    return new HubLaunch(env);
  }

  /**
   * Creates PKI, tokens and the admin kubeconfig, starts the embedded database when no external one
   * is named, and computes the Quarkus settings. Returns the embedded database, or null.
   */
  public EmbeddedDatabase prepare() throws IOException {
    String advertised = "0.0.0.0".equals(bindAddress) ? "127.0.0.1" : bindAddress;
    BootstrapResult boot = Bootstrap.prepare(dataDir, advertised, port, hostnames, provided);
    EmbeddedDatabase database = null;
    if (dbUrl == null || dbUrl.isBlank()) {
      database = EmbeddedDatabase.start(dataDir.resolve("postgres"), true, statementStats);
      database(database.reactiveUrl(), database.user(), "");
    } else {
      String plain = dbUrl.replaceFirst("^jdbc:", "");
      database(plain, dbUser, dbPassword);
    }
    settings.putAll(TlsSettings.forHub(boot, bindAddress, port));
    settings.put("atrium.data-dir", dataDir.toString());
    if (!externalUrl.isEmpty()) {
      settings.put("atrium.external-url", externalUrl.replaceAll("/+$", ""));
    }
    if (provided.servingProvided()) {
      // a Secret mount is updated in place on rotation; pick the new certificate up
      settings.put("quarkus.http.ssl.certificate.reload-period", "10m");
    }
    return database;
  }

  /**
   * Settings that must be in place before anything logs (set as system properties first): the
   * console log format.
   */
  public Map<String, String> logSettings() {
    return Map.of("quarkus.log.console.json.enabled", Boolean.toString(logFormat.equals("json")));
  }

  /**
   * {@code postgresql://a:1,b:2/db?q} as the reactive client's list of single-host URLs, {@code
   * postgresql://a:1/db?q,postgresql://b:2/db?q}; a single-host URL unchanged.
   */
  static String reactiveUrls(String url) {
    String[] parts = splitHosts(url);
    if (parts == null) {
      return url;
    }
    StringBuilder out = new StringBuilder();
    for (String host : parts[2].split(",")) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(parts[0]).append(parts[1]).append(host).append(parts[3]);
    }
    return out.toString();
  }

  /** The JDBC URL (Flyway); with several hosts pgjdbc is told to pick the primary. */
  static String jdbcUrl(String url) {
    String[] parts = splitHosts(url);
    if (parts == null) {
      return "jdbc:" + url;
    }
    String rest = parts[3];
    String extra = "targetServerType=primary";
    rest = rest.contains("?") ? rest + "&" + extra : rest + "?" + extra;
    // pgjdbc takes credentials from properties, not from the authority
    return "jdbc:" + parts[0] + parts[2] + rest;
  }

  /** [scheme://, userinfo@ or "", host list, /db?query], or null for a URL with one host. */
  private static String[] splitHosts(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return null;
    }
    String scheme = url.substring(0, schemeEnd + 3);
    String rest = url.substring(schemeEnd + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String tail = slash < 0 ? "" : rest.substring(slash);
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
    String hosts = authority.substring(at + 1);
    if (!hosts.contains(",")) {
      return null;
    }
    return new String[] {scheme, userInfo, hosts, tail};
  }

  public Map<String, String> settings() {
    return settings;
  }

  private void database(String url, String user, String password) {
    settings.put("quarkus.datasource.reactive.url", reactiveUrls(url));
    settings.put("quarkus.datasource.jdbc.url", jdbcUrl(url));
    settings.put("quarkus.datasource.username", user);
    if (password != null && !password.isEmpty()) {
      settings.put("quarkus.datasource.password", password);
    }
  }
}
