package dev.atrium.hub.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** HTTPS to hub replicas (trusting the shared CA) as the admin, and streaming watches. */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();

  record Resp(int code, String body, String retryAfter, long nanos) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + code + "): " + body);
      }
    }
  }

  private final HttpClient http;
  private final String token;

  Api(Path caCert, String token) throws Exception {
    this.token = token;
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(caCert)) {
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
    http =
        HttpClient.newBuilder()
            .sslContext(ssl)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  Resp get(HubProcess hub, String path) {
    return send(hub, "GET", path, null);
  }

  Resp post(HubProcess hub, String path, String body) {
    return send(hub, "POST", path, body);
  }

  /** One request; a connection failure is code 0 (the replica is gone). */
  Resp send(HubProcess hub, String method, String path, String body) {
    String accept = path.equals("/metrics") ? "text/plain" : "application/json";
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + hub.port + path))
            .timeout(Duration.ofSeconds(15))
            .header("Authorization", "Bearer " + token)
            .header("Accept", accept);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    long start = System.nanoTime();
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Resp(
          r.statusCode(),
          r.body(),
          r.headers().firstValue("Retry-After").orElse(null),
          System.nanoTime() - start);
    } catch (java.io.IOException e) {
      return new Resp(0, e.toString(), null, System.nanoTime() - start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Resp(0, e.toString(), null, System.nanoTime() - start);
    }
  }

  /** Whether the replica answers /readyz. */
  boolean ready(HubProcess hub) {
    return get(hub, "/readyz").code() == 200;
  }

  /** Whether the replica reports itself as the controller leader in /metrics. */
  boolean leader(HubProcess hub) {
    Resp r = get(hub, "/metrics");
    if (r.code() != 200) {
      throw new AssertionError("/metrics of " + hub + ": " + r.code() + " " + r.body());
    }
    return r.body().contains("\natrium_controller_leader 1.0");
  }

  /** A line of a watch, with the time it arrived; END (clean close) or FAILED (broken) last. */
  record Line(String text, long nanos) {
    static final String END = "<end>";
    static final String FAILED = "<failed>";

    boolean terminal() {
      return text.equals(END) || text.startsWith(FAILED);
    }
  }

  /** An open watch: its lines arrive in {@link #lines}. */
  final class Watch implements AutoCloseable {
    final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private volatile InputStream body;
    private final Thread reader;

    Watch(HubProcess hub, String path) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + hub.port + path))
              .header("Authorization", "Bearer " + token)
              .header("Accept", "application/json")
              .GET()
              .build();
      HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        throw new AssertionError(
            "watch " + path + ": " + r.statusCode() + " " + new String(r.body().readAllBytes()));
      }
      body = r.body();
      reader = new Thread(this::read, "watch-" + hub.name);
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(new Line(line, System.nanoTime()));
        }
        lines.add(new Line(Line.END, System.nanoTime()));
      } catch (Exception e) {
        lines.add(new Line(Line.FAILED + " " + e, System.nanoTime()));
      }
    }

    @Override
    public void close() {
      try {
        body.close();
      } catch (Exception e) {
        // closing
      }
    }
  }

  Watch watch(HubProcess hub, String path) throws Exception {
    return new Watch(hub, path);
  }
}
