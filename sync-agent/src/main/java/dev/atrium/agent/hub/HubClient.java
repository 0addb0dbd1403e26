package dev.atrium.agent.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.mapping.Json;
import dev.atrium.agent.mapping.UpstreamObject;
import dev.atrium.agent.queue.Timings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The hub's syncer view over plain HTTP: the {@code /objects} list and line-delimited watch, and
 * the per-object URLs below {@code B/clusters/<workspace>}. Credentials from the hub kubeconfig
 * (CA, bearer token or client certificate).
 */
public final class HubClient implements HubApi {

  public static final String MERGE_PATCH = "application/merge-patch+json";
  public static final String JSON_PATCH = "application/json-patch+json";

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The list's snapshot.
   *
   * @param resourceVersion where the watch starts
   * @param items every object synced to the target
   */
  public record ViewList(String resourceVersion, List<UpstreamObject> items) {}

  private final ViewUrl view;
  private final HttpClient http;
  private final String token;
  private final Timings writes = new Timings();

  HubClient(ViewUrl view, HttpClient http, String token) {
    this.view = view;
    this.http = http;
    this.token = token;
  }

  /** From a kubeconfig file whose current context's server is the view URL. */
  public static HubClient fromKubeconfig(Path kubeconfig) throws IOException {
    String text = Files.readString(kubeconfig);
    Config config = Config.fromKubeconfig(null, text, kubeconfig.toString());
    ViewUrl view = ViewUrl.parse(config.getMasterUrl());
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1);
    if (view.base().startsWith("https:")) {
      b.sslContext(sslContext(config));
    }
    String token = token(config);
    return new HubClient(view, b.build(), token == null || token.isEmpty() ? null : token);
  }

  /** The kubeconfig user's token: fabric8 keeps a kubeconfig token as the "auto" OAuth token. */
  static String token(Config config) {
    for (String t : new String[] {config.getOauthToken(), config.getAutoOAuthToken()}) {
      if (t != null && !t.isEmpty()) {
        return t;
      }
    }
    if (config.getOauthTokenProvider() != null) {
      return config.getOauthTokenProvider().getToken();
    }
    return null;
  }

  private static SSLContext sslContext(Config config) {
    try {
      return SSLUtils.sslContext(config);
    } catch (Exception e) {
      throw new IllegalArgumentException("hub kubeconfig TLS settings: " + e.getMessage(), e);
    }
  }

  public ViewUrl view() {
    return view;
  }

  /** How long the PATCHes and POSTs to the hub took (status writes, finalizers, Events). */
  public Timings writes() {
    return writes;
  }

  public ViewList list() throws IOException, InterruptedException {
    ObjectNode body = send(request("/objects").GET().build());
    List<UpstreamObject> items = new ArrayList<>();
    for (JsonNode i : body.path("items")) {
      items.add(
          new UpstreamObject(
              i.path("workspace").asText(),
              i.path("group").asText(""),
              i.path("version").asText(),
              i.path("resource").asText(),
              (ObjectNode) i.get("object")));
    }
    return new ViewList(Json.text(body, "metadata", "resourceVersion"), items);
  }

  /**
   * Watches from {@code resourceVersion}, passing each event to {@code onEvent}, until the hub ends
   * the stream. A 410 answer throws {@link HubException} with {@code gone()}.
   */
  public void watch(String resourceVersion, int timeoutSeconds, Consumer<ViewEvent> onEvent)
      throws IOException, InterruptedException {
    String q =
        "/objects?watch=true&allowWatchBookmarks=true&timeoutSeconds="
            + timeoutSeconds
            + "&resourceVersion="
            + URLEncoder.encode(resourceVersion, StandardCharsets.UTF_8);
    HttpRequest req = request(q).GET().build();
    HttpResponse<Stream<String>> resp = http.send(req, HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = resp.body()) {
      if (resp.statusCode() != 200) {
        throw new HubException(resp.statusCode(), String.join("\n", lines.toList()));
      }
      for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (!line.isBlank()) {
          onEvent.accept(ViewEvent.parse(line));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public ObjectNode get(String path) throws IOException, InterruptedException {
    try {
      return send(request(path).GET().build());
    } catch (HubException e) {
      if (e.code() == 404) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public ObjectNode patch(String path, String contentType, JsonNode body)
      throws IOException, InterruptedException {
    return timed(
        request(path)
            .header("Content-Type", contentType)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(Json.write(body)))
            .build());
  }

  @Override
  public ObjectNode post(String path, JsonNode body) throws IOException, InterruptedException {
    return timed(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
            .build());
  }

  private ObjectNode timed(HttpRequest req) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    try {
      return send(req);
    } finally {
      writes.record(System.nanoTime() - t0);
    }
  }

  /** {@code /clusters/<workspace><path>}, e.g. path "/api/v1/namespaces/a/events". */
  public static String inWorkspace(String workspace, String path) {
    return "/clusters/" + workspace + path;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(view.base() + path)).header("Accept", "application/json");
    if (!path.contains("watch=true")) {
      b.timeout(REQUEST_TIMEOUT);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private ObjectNode send(HttpRequest req) throws IOException, InterruptedException {
    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    int code = resp.statusCode();
    if (code / 100 != 2) {
      throw new HubException(
          code,
          req.method() + " " + req.uri().getRawPath() + ": " + code + " " + message(resp.body()));
    }
    return resp.body().isBlank() ? Json.object() : Json.parse(resp.body());
  }

  private static String message(String body) {
    try {
      String m = Json.text(Json.parse(body), "message");
      return m != null ? m : body;
    } catch (IllegalArgumentException e) {
      return body.length() > 300 ? body.substring(0, 300) : body;
    }
  }
}
