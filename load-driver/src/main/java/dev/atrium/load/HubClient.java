package dev.atrium.load;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS access to a Kubernetes API server: the hub with the admin token and CA of its data
 * directory, or any server a kubeconfig names (bearer token or client certificate), such as a
 * physical cluster's kube-apiserver for side-by-side runs.
 */
final class HubClient {

  private final String baseUrl;
  private final String token;
  private final HttpClient http;
  private final SSLContext ssl;

  HubClient(String baseUrl, Path dataDir) throws Exception {
    this(baseUrl, adminToken(dataDir), trusting(dataDir.resolve("ca.crt")));
  }

  private HubClient(String baseUrl, String token, SSLContext ssl) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.ssl = ssl;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(ssl)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * The current context of a kubeconfig: its server (unless {@code baseUrl} is given), CA, and
   * either its bearer token or its client certificate.
   */
  static HubClient fromKubeconfig(String baseUrl, Path kubeconfig) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    String server = baseUrl.isEmpty() ? config.getMasterUrl() : baseUrl;
    SSLContext ctx =
        SSLUtils.sslContext(SSLUtils.keyManagers(config), SSLUtils.trustManagers(config));
    String bearer = config.getAutoOAuthToken();
    return new HubClient(server.replaceAll("/+$", ""), bearer, ctx);
  }

  String baseUrl() {
    return baseUrl;
  }

  String token() {
    return token;
  }

  /** Trusts the hub's CA (for scenarios that build their own clients). */
  SSLContext sslContext() {
    return ssl;
  }

  private static String adminToken(Path dataDir) throws IOException {
    for (String line : Files.readAllLines(dataDir.resolve("tokens.csv"))) {
      String[] cols = line.split(",");
      if (cols.length >= 2 && cols[1].equals("admin")) {
        return cols[0].trim();
      }
    }
    throw new IllegalStateException("no admin token in " + dataDir);
  }

  private static SSLContext trusting(Path caCert) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(caCert)) {
      store.setCertificateEntry(
          "atrium-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(60));
    return token == null || token.isEmpty()
        ? builder
        : builder.header("Authorization", "Bearer " + token);
  }

  int send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request =
        request(path).header("Content-Type", "application/json").method(method, publisher).build();
    return call(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Like {@link #send} but keeps the response body (for error messages). */
  HttpResponse<String> exchange(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        request(path)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    return call(request, HttpResponse.BodyHandlers.ofString());
  }

  /** GET with {@code Accept: text/plain} (the hub's /metrics). */
  String getText(String path) throws IOException, InterruptedException {
    return http.send(
            request(path).setHeader("Accept", "text/plain").GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return call(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET without the 429 retry (for scenarios that count and honour 429 themselves). */
  HttpResponse<String> getOnce(String path) throws IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends, and on 429 waits for {@code Retry-After} (1 s when absent) and sends again, up to 10
   * times, as client-go does: the hub's flow control answers a tenant over its share with 429.
   */
  private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpResponse<T> response = http.send(request, handler);
    for (int retry = 0; retry < 10 && response.statusCode() == 429; retry++) {
      long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
      Thread.sleep(Math.max(1, seconds) * 1000);
      response = http.send(request, handler);
    }
    return response;
  }

  HttpResponse<java.util.stream.Stream<String>> stream(String path)
      throws IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofLines());
  }
}
