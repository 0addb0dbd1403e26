package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.hub.storage.Store;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Exact Status bodies and edge-case protocol behaviour, over plain HTTPS. */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NS = "errors-it";
  private static final String CMS = "/api/v1/namespaces/" + NS + "/configmaps";

  private HttpClient http;

  @BeforeAll
  void setUp() throws Exception {
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

    Resp ns =
        send(
            "POST",
            "/api/v1/namespaces",
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                + NS
                + "\"}}");
    assertTrue(ns.code == 201 || ns.code == 409, "namespace: " + ns);
    for (String name : List.of("one", "two")) {
      Resp r = send("POST", CMS, cm(name, "{\"app\":\"x\"}"));
      assertTrue(r.code == 201 || r.code == 409, r.toString());
    }
  }

  private static String cm(String name, String labels) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\",\"labels\":"
        + labels
        + "},\"data\":{\"k\":\"v\"}}";
  }

  record Resp(int code, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + code + "): " + body, e);
      }
    }
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(TestHub.url() + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private Resp send(HttpRequest request) throws Exception {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Resp(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  private Resp send(String method, String path, String body) throws Exception {
    return send(method, path, body, "application/json");
  }

  private Resp send(String method, String path, String body, String contentType) throws Exception {
    HttpRequest.Builder b =
        request(path, TestHub.adminToken()).header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return send(b.build());
  }

  private Resp get(String path, String accept) throws Exception {
    return send(request(path, TestHub.adminToken()).header("Accept", accept).GET().build());
  }

  /** The full Status of a failure; checks the envelope fields every Status has. */
  private static JsonNode status(Resp r, int code, String reason, String message) {
    assertEquals(code, r.code, "HTTP code of " + r);
    assertTrue(r.contentType.startsWith("application/json"), "Content-Type " + r.contentType);
    JsonNode s = r.json();
    assertEquals("Status", s.path("kind").asText(), r.body);
    assertEquals("v1", s.path("apiVersion").asText(), r.body);
    assertTrue(s.path("metadata").isObject(), r.body);
    assertEquals("Failure", s.path("status").asText(), r.body);
    assertEquals(reason, s.path("reason").asText(), r.body);
    assertEquals(code, s.path("code").asInt(), r.body);
    if (message != null) {
      assertEquals(message, s.path("message").asText(), r.body);
    }
    return s;
  }

  /** Names and resourceVersions of the configmaps in the namespace: must not move on a 4xx. */
  private Map<String, String> snapshot() throws Exception {
    Resp r = send("GET", CMS, null);
    assertEquals(200, r.code, r.body);
    Map<String, String> m = new TreeMap<>();
    for (JsonNode item : r.json().path("items")) {
      m.put(
          item.path("metadata").path("name").asText(),
          item.path("metadata").path("resourceVersion").asText());
    }
    return m;
  }

  @Test
  void unauthorized() throws Exception {
    Map<String, String> before = snapshot();
    Resp none = send(request(CMS, null).header("Accept", "application/json").GET().build());
    status(none, 401, "Unauthorized", "Unauthorized");
    Resp bad =
        send(request(CMS, "not-a-real-token").header("Accept", "application/json").GET().build());
    status(bad, 401, "Unauthorized", "Unauthorized");
    Resp badWrite =
        send(
            request(CMS, "not-a-real-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(cm("sneaky", "{}")))
                .build());
    status(badWrite, 401, "Unauthorized", "Unauthorized");
    assertEquals(before, snapshot());
  }

  @Test
  void notFound() throws Exception {
    JsonNode s =
        status(send("GET", CMS + "/nope", null), 404, "NotFound", "configmaps \"nope\" not found");
    assertEquals("nope", s.path("details").path("name").asText());
    assertEquals("configmaps", s.path("details").path("kind").asText());
    JsonNode d =
        status(
            send("GET", "/apis/apps/v1/namespaces/" + NS + "/deployments/x", null),
            404,
            "NotFound",
            "deployments.apps \"x\" not found");
    assertEquals("apps", d.path("details").path("group").asText());
    assertEquals("deployments", d.path("details").path("kind").asText());
    status(send("DELETE", CMS + "/nope", null), 404, "NotFound", "configmaps \"nope\" not found");

    Resp unknown = send("GET", "/api/v1/namespaces/" + NS + "/frobnicators", null);
    status(unknown, 404, "NotFound", null);
    Resp unknownGroup = send("GET", "/apis/nonexistent.example.com/v1/widgets", null);
    status(unknownGroup, 404, "NotFound", null);
  }

  @Test
  void alreadyExistsAndConflict() throws Exception {
    Map<String, String> before = snapshot();
    JsonNode s =
        status(
            send("POST", CMS, cm("one", "{}")),
            409,
            "AlreadyExists",
            "configmaps \"one\" already exists");
    assertEquals("one", s.path("details").path("name").asText());
    assertEquals("configmaps", s.path("details").path("kind").asText());
    assertEquals(before, snapshot());

    Resp created = send("POST", CMS, cm("occ", "{}"));
    assertEquals(201, created.code, created.body);
    JsonNode obj = created.json();
    String staleRv = obj.path("metadata").path("resourceVersion").asText();
    ((com.fasterxml.jackson.databind.node.ObjectNode) obj.path("data")).put("k", "v2");
    Resp ok = send("PUT", CMS + "/occ", obj.toString());
    assertEquals(200, ok.code, ok.body);
    String freshRv = ok.json().path("metadata").path("resourceVersion").asText();
    ((com.fasterxml.jackson.databind.node.ObjectNode) obj.path("data")).put("k", "v3");
    assertEquals(staleRv, obj.path("metadata").path("resourceVersion").asText());
    JsonNode c =
        status(
            send("PUT", CMS + "/occ", obj.toString()),
            409,
            "Conflict",
            "Operation cannot be fulfilled on configmaps \"occ\": the object has been modified;"
                + " please apply your changes to the latest version and try again");
    assertEquals("occ", c.path("details").path("name").asText());
    Resp now = send("GET", CMS + "/occ", null);
    assertEquals("v2", now.json().path("data").path("k").asText());
    assertEquals(freshRv, now.json().path("metadata").path("resourceVersion").asText());
    assertEquals(200, send("DELETE", CMS + "/occ", null).code);
  }

  @Test
  void badRequests() throws Exception {
    Map<String, String> before = snapshot();
    Resp malformed =
        send("POST", CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{");
    status(malformed, 400, "BadRequest", null);
    Resp malformedPut = send("PUT", CMS + "/one", "{not json");
    status(malformedPut, 400, "BadRequest", null);

    Resp selector = send("GET", CMS + "?labelSelector=" + enc("a in ("), null);
    status(selector, 400, "BadRequest", null);
    Resp field = send("GET", CMS + "?fieldSelector=" + enc("spec.foo=bar"), null);
    JsonNode f = status(field, 400, "BadRequest", null);
    assertTrue(f.path("message").asText().contains("field label not supported"), f.toString());
    assertTrue(f.path("message").asText().contains("spec.foo"), f.toString());
    // the same selectors on a watch fail the same way, before the stream starts
    status(
        send("GET", CMS + "?watch=1&fieldSelector=" + enc("spec.foo=bar"), null),
        400,
        "BadRequest",
        null);
    status(
        send("GET", CMS + "?watch=1&labelSelector=" + enc("a in ("), null),
        400,
        "BadRequest",
        null);
    assertEquals(before, snapshot());
  }

  @Test
  void unsupportedMediaType() throws Exception {
    Map<String, String> before = snapshot();
    Resp r = send("PATCH", CMS + "/one", "data:\n  k: changed\n", "text/plain");
    status(r, 415, "UnsupportedMediaType", null);
    assertEquals(before, snapshot());
  }

  @Test
  void invalidName() throws Exception {
    Map<String, String> before = snapshot();
    JsonNode s = status(send("POST", CMS, cm("Bad_Name", "{}")), 422, "Invalid", null);
    assertTrue(
        s.path("message").asText().startsWith("ConfigMap \"Bad_Name\" is invalid"), s.toString());
    assertTrue(s.path("message").asText().contains("Invalid value"), s.toString());
    assertEquals("Bad_Name", s.path("details").path("name").asText());
    assertEquals("ConfigMap", s.path("details").path("kind").asText());
    JsonNode causes = s.path("details").path("causes");
    assertTrue(causes.size() >= 1, s.toString());
    boolean found = false;
    for (JsonNode cause : causes) {
      if (cause.path("field").asText().equals("metadata.name")) {
        found = true;
        assertEquals("FieldValueInvalid", cause.path("reason").asText(), cause.toString());
        assertTrue(
            cause.path("message").asText().startsWith("Invalid value: \"Bad_Name\""),
            cause.toString());
      }
    }
    assertTrue(found, "no metadata.name cause: " + s);
    assertEquals(before, snapshot());
  }

  @Test
  void tooLarge() throws Exception {
    Map<String, String> before = snapshot();
    String big = "x".repeat(3 * 1024 * 1024 + 4096);
    Resp r =
        send(
            "POST",
            CMS,
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\""
                + big
                + "\"}}");
    assertEquals(413, r.code, r.body.length() > 300 ? r.body.substring(0, 300) : r.body);
    if (!r.body.isEmpty()) {
      status(r, 413, "RequestEntityTooLarge", null);
    }
    assertEquals(before, snapshot());
    assertEquals(404, send("GET", CMS + "/big", null).code);
  }

  @Test
  void resourceVersionMatchRules() throws Exception {
    JsonNode s =
        status(send("GET", CMS + "?resourceVersionMatch=Exact", null), 422, "Invalid", null);
    assertTrue(
        s.path("message")
            .asText()
            .contains("resourceVersionMatch is forbidden unless resourceVersion is provided"),
        s.toString());
    assertEquals(
        "resourceVersionMatch", s.path("details").path("causes").path(0).path("field").asText());
    status(
        send("GET", CMS + "?resourceVersionMatch=Exact&resourceVersion=0", null),
        422,
        "Invalid",
        null);
  }

  /** Reads a watch stream's event lines until {@code n} arrived or the stream ended. */
  private List<JsonNode> watchEvents(String path, int n) throws Exception {
    HttpRequest req =
        request(path, TestHub.adminToken()).header("Accept", "application/json").GET().build();
    HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode(), "watch " + path);
    List<JsonNode> events = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      String line;
      while (events.size() < n && (line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          events.add(JSON.readTree(line));
        }
      }
    }
    return events;
  }

  @Test
  void watchFromCompactedRevisionIsExpired() throws Exception {
    Resp a = send("POST", CMS, cm("compact-a", "{}"));
    assertEquals(201, a.code, a.body);
    long old = Long.parseLong(a.json().path("metadata").path("resourceVersion").asText());
    Resp b = send("POST", CMS, cm("compact-b", "{}"));
    assertEquals(201, b.code, b.body);
    Store store = Arc.container().instance(Store.class).get();
    long current = store.currentRevision().await().atMost(Duration.ofSeconds(10));
    store.compact(current).await().atMost(Duration.ofSeconds(10));

    List<JsonNode> events =
        watchEvents(CMS + "?watch=true&timeoutSeconds=10&resourceVersion=" + old, 5);
    assertEquals(1, events.size(), "one ERROR event, then the stream ends: " + events);
    JsonNode e = events.get(0);
    assertEquals("ERROR", e.path("type").asText(), e.toString());
    JsonNode s = e.path("object");
    assertEquals("Status", s.path("kind").asText(), e.toString());
    assertEquals("v1", s.path("apiVersion").asText(), e.toString());
    assertEquals("Failure", s.path("status").asText(), e.toString());
    assertEquals(410, s.path("code").asInt(), e.toString());
    assertEquals("Expired", s.path("reason").asText(), e.toString());
    assertTrue(
        s.path("message").asText().startsWith("too old resource version: " + old), e.toString());

    // a paged list whose snapshot was compacted away: 410 on the continue
    Resp page = send("GET", CMS + "?limit=1", null);
    assertEquals(200, page.code);
    String token = page.json().path("metadata").path("continue").asText();
    assertFalse(token.isEmpty(), page.body);
    send("POST", CMS, cm("compact-c", "{}"));
    current = store.currentRevision().await().atMost(Duration.ofSeconds(10));
    store.compact(current).await().atMost(Duration.ofSeconds(10));
    status(send("GET", CMS + "?limit=1&continue=" + enc(token), null), 410, "Expired", null);
  }

  @Test
  void pythonStyleWatchTrue() throws Exception {
    Resp list = send("GET", CMS, null);
    String rv = list.json().path("metadata").path("resourceVersion").asText();
    Thread creator =
        new Thread(
            () -> {
              try {
                Thread.sleep(700);
                send("POST", CMS, cm("pywatch", "{\"py\":\"yes\"}"));
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    creator.start();
    List<JsonNode> events =
        watchEvents(
            CMS + "?watch=True&timeoutSeconds=5&labelSelector=py%3Dyes&resourceVersion=" + rv, 1);
    creator.join();
    assertEquals(1, events.size(), events.toString());
    assertEquals("ADDED", events.get(0).path("type").asText());
    assertEquals("pywatch", events.get(0).path("object").path("metadata").path("name").asText());
    // watch=False is a plain list
    Resp plain = send("GET", CMS + "?watch=False", null);
    assertEquals(200, plain.code);
    assertEquals("ConfigMapList", plain.json().path("kind").asText());
  }

  @Test
  void watchListInitialEventsThenBookmark() throws Exception {
    String ns = "errors-watchlist";
    send(
        "POST",
        "/api/v1/namespaces",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
    String path = "/api/v1/namespaces/" + ns + "/configmaps";
    for (String name : List.of("w1", "w2", "w3")) {
      assertEquals(201, send("POST", path, cm(name, "{\"wl\":\"1\"}")).code);
    }
    List<JsonNode> events =
        watchEvents(
            path
                + "?sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&watch=1"
                + "&labelSelector=wl%3D1&timeoutSeconds=10",
            4);
    assertEquals(4, events.size(), events.toString());
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      assertEquals("ADDED", events.get(i).path("type").asText(), events.toString());
      names.add(events.get(i).path("object").path("metadata").path("name").asText());
    }
    assertEquals(List.of("w1", "w2", "w3"), names.stream().sorted().toList());
    JsonNode bookmark = events.get(3);
    assertEquals("BOOKMARK", bookmark.path("type").asText(), bookmark.toString());
    assertEquals("ConfigMap", bookmark.path("object").path("kind").asText(), bookmark.toString());
    assertEquals("v1", bookmark.path("object").path("apiVersion").asText(), bookmark.toString());
    JsonNode meta = bookmark.path("object").path("metadata");
    assertEquals(
        "true",
        meta.path("annotations").path("k8s.io/initial-events-end").asText(),
        bookmark.toString());
    assertFalse(meta.path("resourceVersion").asText().isEmpty(), bookmark.toString());

    // without resourceVersionMatch=NotOlderThan the watch-list request is invalid
    status(
        send("GET", path + "?sendInitialEvents=true&allowWatchBookmarks=true&watch=1", null),
        422,
        "Invalid",
        null);
  }

  @Test
  void aggregatedDiscoveryNegotiation() throws Exception {
    String v2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    String v2beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
    for (String path : List.of("/api", "/apis")) {
      Resp both = get(path, v2 + "," + v2beta1 + ",application/json");
      assertEquals(200, both.code);
      assertTrue(
          both.contentType.contains("v=v2") && !both.contentType.contains("v2beta1"),
          both.contentType);
      assertTrue(both.contentType.contains("as=APIGroupDiscoveryList"), both.contentType);
      assertEquals("APIGroupDiscoveryList", both.json().path("kind").asText());
      assertEquals("apidiscovery.k8s.io/v2", both.json().path("apiVersion").asText());

      Resp beta = get(path, v2beta1 + ",application/json");
      assertEquals(200, beta.code);
      assertTrue(beta.contentType.contains("v=v2beta1"), beta.contentType);
      assertEquals("apidiscovery.k8s.io/v2beta1", beta.json().path("apiVersion").asText());

      Resp plain = get(path, "application/json");
      assertEquals(200, plain.code);
      assertFalse(plain.contentType.contains("apidiscovery"), plain.contentType);
      assertEquals(
          path.equals("/api") ? "APIVersions" : "APIGroupList", plain.json().path("kind").asText());
    }
    JsonNode core = get("/api", v2).json();
    boolean hasConfigMaps = false;
    for (JsonNode version : core.path("items").path(0).path("versions")) {
      for (JsonNode resource : version.path("resources")) {
        hasConfigMaps |= resource.path("resource").asText().equals("configmaps");
      }
    }
    assertTrue(hasConfigMaps, "configmaps in aggregated /api");
  }

  @Test
  void tableOutput() throws Exception {
    String accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    Resp table = get(CMS + "?labelSelector=app%3Dx", accept);
    assertEquals(200, table.code, table.body);
    // kube-apiserver labels Table responses plain application/json (the kind says Table)
    assertTrue(table.contentType.startsWith("application/json"), table.contentType);
    JsonNode t = table.json();
    assertEquals("Table", t.path("kind").asText());
    assertEquals("meta.k8s.io/v1", t.path("apiVersion").asText());
    List<String> columns = new ArrayList<>();
    t.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
    assertEquals(List.of("Name", "Data", "Age"), columns);
    assertEquals(2, t.path("rows").size(), t.toString());
    JsonNode row = t.path("rows").path(0);
    assertEquals("one", row.path("cells").path(0).asText());
    assertEquals(1, row.path("cells").path(1).asInt());
    assertEquals("PartialObjectMetadata", row.path("object").path("kind").asText(), row.toString());
    assertEquals("meta.k8s.io/v1", row.path("object").path("apiVersion").asText(), row.toString());
    assertEquals("one", row.path("object").path("metadata").path("name").asText());
    assertTrue(row.path("object").path("data").isMissingNode(), row.toString());

    Resp full = get(CMS + "?labelSelector=app%3Dx&includeObject=Object", accept);
    assertEquals(200, full.code, full.body);
    JsonNode fullRow = full.json().path("rows").path(0);
    assertEquals("ConfigMap", fullRow.path("object").path("kind").asText(), fullRow.toString());
    assertEquals("v", fullRow.path("object").path("data").path("k").asText(), fullRow.toString());

    Resp none = get(CMS + "?labelSelector=app%3Dx&includeObject=None", accept);
    assertEquals(200, none.code, none.body);
    assertTrue(
        none.json().path("rows").path(0).path("object").isMissingNode()
            || none.json().path("rows").path(0).path("object").isNull(),
        none.body);

    Resp single = get(CMS + "/one", accept);
    assertEquals(200, single.code);
    assertEquals("Table", single.json().path("kind").asText());
    assertEquals(1, single.json().path("rows").size());
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void nothingChangedAfterErrors() throws Exception {
    Map<String, String> before = snapshot();
    send("POST", CMS, cm("one", "{}"));
    send("POST", CMS, cm("Bad_Name", "{}"));
    send("POST", CMS, "{oops");
    send("PATCH", CMS + "/one", "{}", "text/plain");
    send(
        "PATCH",
        CMS + "/one",
        "[{\"op\":\"test\",\"path\":\"/data/k\",\"value\":\"nope\"},{\"op\":\"remove\",\"path\":\"/data/k\"}]",
        "application/json-patch+json");
    send("DELETE", CMS + "/nope", null);
    assertEquals(before, snapshot());
    assertNotNull(before.get("one"));
  }
}
