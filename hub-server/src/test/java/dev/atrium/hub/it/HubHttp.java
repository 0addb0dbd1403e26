package dev.atrium.hub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Plain HTTPS calls to the hub under test, trusting its CA, as any token. */
final class HubHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A response: code and body (parsed when JSON). */
  record Resp(int code, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + code + "): " + body);
      }
    }

    @Override
    public String toString() {
      return code + " " + body;
    }
  }

  /**
   * Retries {@code run} every 250 ms for up to 30 s until {@code done}; fails with the last answer.
   */
  static Resp eventually(
      java.util.function.Supplier<Resp> run, java.util.function.Predicate<Resp> done) {
    Resp last = null;
    for (int i = 0; i < 120; i++) {
      last = run.get();
      if (done.test(last)) {
        return last;
      }
      pause(250);
    }
    throw new AssertionError("never reached: " + last);
  }

  /**
   * Creates workspace {@code name} under {@code parent} (or finds it) and waits until it is Ready.
   */
  void readyWorkspace(String token, String parent, String name) {
    String workspaces = "/clusters/" + parent + "/apis/tenancy.atrium.dev/v1alpha1/workspaces";
    Resp r =
        post(
            token,
            workspaces,
            "{\"apiVersion\":\"tenancy.atrium.dev/v1alpha1\",\"kind\":\"Workspace\","
                + "\"metadata\":{\"name\":\""
                + name
                + "\"}}");
    if (r.code() != 201 && r.code() != 409) {
      throw new AssertionError("create workspace " + parent + ":" + name + ": " + r);
    }
    eventually(
        () -> get(token, workspaces + "/" + name),
        x -> x.code() == 200 && "Ready".equals(x.json().path("status").path("phase").asText()));
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private final HttpClient http;

  HubHttp() throws Exception {
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(TestHub.caCert())) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("hub-ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
  }

  Resp send(String token, String method, String path, String body, String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(TestHub.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.body());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + ": " + e, e);
    }
  }

  /** A GET with another Accept header (e.g. /metrics in the Prometheus text format). */
  Resp get(String token, String path, String accept) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(TestHub.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", accept)
            .GET()
            .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.body());
    } catch (Exception e) {
      throw new AssertionError("GET " + path + ": " + e, e);
    }
  }

  Resp get(String token, String path) {
    return send(token, "GET", path, null, null);
  }

  /** A GET whose whole response (headers too) the caller reads. */
  HttpResponse<String> getResponse(String token, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(TestHub.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("GET " + path + ": " + e, e);
    }
  }

  Resp post(String token, String path, String body) {
    return send(token, "POST", path, body, "application/json");
  }

  Resp mergePatch(String token, String path, String body) {
    return send(token, "PATCH", path, body, "application/merge-patch+json");
  }

  /** A streaming GET (a watch): its lines arrive in the returned queue. */
  BlockingQueue<String> stream(String token, String path) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(TestHub.url() + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    CompletableFuture<HttpResponse<Stream<String>>> f =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    f.thenAccept(r -> new Thread(() -> r.body().forEach(lines::add)).start());
    return lines;
  }
}
