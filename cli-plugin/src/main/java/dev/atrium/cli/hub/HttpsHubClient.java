package dev.atrium.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.atrium.cli.common.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * The hub over HTTPS with {@link HttpURLConnection}: it starts faster than java.net.http and keeps
 * the connection alive between the few requests a command makes.
 */
public final class HttpsHubClient implements HubClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int READ_TIMEOUT_MS = 60_000;

  private final Credentials credentials;
  private final PrintStream log;
  private final int verbosity;
  private SSLContext ssl;

  public HttpsHubClient(Credentials credentials, PrintStream log, int verbosity) {
    this.credentials = credentials;
    this.log = log;
    this.verbosity = verbosity;
  }

  @Override
  public HubResponse get(String url) {
    return send("GET", url, null);
  }

  @Override
  public HubResponse post(String url, JsonNode body) {
    return send("POST", url, body);
  }

  @Override
  public HubResponse put(String url, JsonNode body) {
    return send("PUT", url, body);
  }

  @Override
  public HubResponse delete(String url) {
    return send("DELETE", url, null);
  }

  private HubResponse send(String method, String url, JsonNode body) {
    long start = System.nanoTime();
    try {
      HttpURLConnection connection = open(url);
      connection.setRequestMethod(method);
      if (body != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
          JSON.writeValue(out, body);
        }
      }
      int code = connection.getResponseCode();
      HubResponse response = new HubResponse(code, read(connection, code));
      logRequest(method, url, response, start);
      return response;
    } catch (SSLHandshakeException e) {
      throw new CliException("TLS handshake with " + hostOf(url) + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new CliException("cannot reach the hub at " + hostOf(url) + ": " + e, e);
    }
  }

  private HttpURLConnection open(String url) throws IOException {
    URL target = URI.create(url).toURL();
    if (url.startsWith("https:")) {
      // Before the connection exists: HttpsURLConnection's constructor asks for the default
      // factory, which would otherwise build the JDK's default context (parsing all of cacerts).
      HttpsURLConnection.setDefaultSSLSocketFactory(ssl().getSocketFactory());
    }
    HttpURLConnection connection = (HttpURLConnection) target.openConnection();
    if (connection instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(ssl().getSocketFactory());
      if (credentials.insecure()) {
        https.setHostnameVerifier((host, session) -> true);
      }
    }
    connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
    connection.setReadTimeout(READ_TIMEOUT_MS);
    connection.setRequestProperty("Accept", "application/json");
    connection.setRequestProperty("User-Agent", "kubectl-ws/atrium");
    if (credentials.token() != null) {
      connection.setRequestProperty("Authorization", "Bearer " + credentials.token());
    }
    return connection;
  }

  private SSLContext ssl() {
    if (ssl == null) {
      ssl = Tls.context(credentials);
    }
    return ssl;
  }

  private static JsonNode read(HttpURLConnection connection, int code) throws IOException {
    try (InputStream in = code >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      if (in == null) {
        return MissingNode.getInstance();
      }
      byte[] bytes = in.readAllBytes();
      if (bytes.length == 0) {
        return MissingNode.getInstance();
      }
      try {
        return JSON.readTree(bytes);
      } catch (IOException notJson) {
        return JSON.createObjectNode().put("message", new String(bytes).trim());
      }
    }
  }

  private void logRequest(String method, String url, HubResponse response, long start) {
    if (verbosity >= 6) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      log.println(method + " " + url + " " + response.code() + " in " + ms + " milliseconds");
    }
    if (verbosity >= 8) {
      log.println("Response Body: " + response.body());
    }
  }

  private static String hostOf(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getAuthority();
  }
}
