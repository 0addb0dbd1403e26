package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.hub.api.Responses;
import dev.atrium.model.catalog.ResourceType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Swagger 2.0 document at {@code /openapi/v2}, as JSON or as gnostic protobuf, which kubectl
 * 1.27/1.28 (and tools built on older client-go: Argo CD's diffing, kustomize, Helm) read for
 * apply, diff, edit, explain and to learn whether the server validates fields.
 *
 * <p>It is built from the same per-group-version documents as {@link OpenApiV3} (built-in
 * definitions plus each served CRD version's schema, so per logical cluster), converted by {@link
 * SwaggerV2}, and cached by its inputs. As kube-apiserver does, the Etag is the uppercase hex
 * SHA-512 of the JSON form and is shared by both forms; {@code If-None-Match} answers 304.
 */
@ApplicationScoped
public class OpenApiV2 {

  static final String PATH = "/openapi/v2";
  static final String PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
  private static final String PROTOBUF_SUBTYPE = "com.github.proto-openapi.spec.v2.v1.0+protobuf";
  private static final String PROTOBUF_SUBTYPE_OLD =
      "com.github.proto-openapi.spec.v2@v1.0+protobuf";
  private static final int CACHE_SIZE = 16;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Inject OpenApiV3 openApiV3;

  private final Map<Key, Document> cache = Collections.synchronizedMap(new Lru<>(CACHE_SIZE));

  /**
   * One built document in both encodings.
   *
   * @param json the Swagger 2.0 JSON
   * @param protobuf the same as {@code openapi.v2.Document}
   * @param etag the quoted Etag of both
   * @param lastModified RFC 1123 time the document was built
   */
  public record Document(byte[] json, byte[] protobuf, String etag, String lastModified) {}

  private record Key(
      List<ResourceType> types, Map<List<String>, Map<String, JsonNode>> customSchemas) {}

  public OpenApiV2() {}

  OpenApiV2(OpenApiV3 openApiV3) {
    this.openApiV3 = openApiV3;
  }

  /** Serves {@code GET /openapi/v2} for {@code cluster}. */
  public void handle(RoutingContext ctx, String cluster, List<ResourceType> served) {
    String accept = ctx.request().getHeader("Accept");
    boolean protobuf;
    switch (Negotiation.choose(accept)) {
      case JSON -> protobuf = false;
      case PROTOBUF -> protobuf = true;
      default -> {
        ctx.response().putHeader("Vary", "Accept").setStatusCode(406).end();
        return;
      }
    }
    CustomSchemaSource source = openApiV3.customSource();
    Key key = key(cluster, served, source);
    Document cached = cache.get(key);
    if (cached != null) {
      send(ctx, cached, protobuf);
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> document(key), false)
        .onComplete(
            result -> {
              if (result.failed()) {
                Responses.failure(ctx, result.cause(), "", "");
              } else {
                send(ctx, result.result(), protobuf);
              }
            });
  }

  /** The document of the given served types, with {@code source} for custom kinds' schemas. */
  public Document document(String cluster, List<ResourceType> served, CustomSchemaSource source) {
    return document(key(cluster, served, source));
  }

  private Document document(Key key) {
    Document cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Document built = build(key);
    cache.put(key, built);
    return built;
  }

  private Key key(String cluster, List<ResourceType> served, CustomSchemaSource source) {
    Map<List<String>, Map<String, JsonNode>> custom = new LinkedHashMap<>();
    for (List<String> gv : OpenApiV3.byGroupVersion(served).keySet()) {
      Map<String, JsonNode> schemas = source.schemas(cluster, gv.get(0), gv.get(1));
      if (!schemas.isEmpty()) {
        custom.put(gv, Map.copyOf(schemas));
      }
    }
    return new Key(List.copyOf(served), custom);
  }

  private Document build(Key key) {
    Definitions definitions = openApiV3.definitions();
    Set<String> customDefinitions = new HashSet<>();
    for (ResourceType type : key.types()) {
      Gvk gvk = new Gvk(type.group(), type.version(), type.kind());
      if (definitions.kind(gvk).isEmpty()) {
        String name = ApiGroups.customDefinition(gvk);
        customDefinitions.add(name);
        customDefinitions.add(name + "List");
      }
    }
    SwaggerV2 swagger = new SwaggerV2(customDefinitions);
    OpenApiV3.byGroupVersion(key.types())
        .forEach(
            (gv, types) ->
                swagger.add(
                    new DocumentBuilder(definitions)
                        .build(types, key.customSchemas().getOrDefault(gv, Map.of()))));
    JsonNode doc = swagger.document();
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the OpenAPI v2 document", e);
    }
    String etag = "\"" + OpenApiDocument.sha512(json) + "\"";
    String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atZone(ZoneOffset.UTC));
    return new Document(json, GnosticV2.encode(doc), etag, now);
  }

  private static void send(RoutingContext ctx, Document document, boolean protobuf) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.putHeader("Vary", "Accept");
    response.putHeader("Etag", document.etag());
    response.putHeader("Last-Modified", document.lastModified());
    response.putHeader("Cache-Control", OpenApiResponder.REVALIDATE);
    if (Negotiation.matchesEtag(ctx.request().getHeader("If-None-Match"), document.etag())) {
      response.setStatusCode(304).end();
      return;
    }
    response
        .setStatusCode(200)
        .putHeader("Content-Type", protobuf ? PROTOBUF : Responses.APPLICATION_JSON)
        .end(Buffer.buffer(protobuf ? document.protobuf() : document.json()));
  }

  /** Content negotiation of {@code /openapi/v2}, as kube-openapi's handler does it. */
  static final class Negotiation {

    enum Choice {
      JSON,
      PROTOBUF,
      NONE
    }

    private Negotiation() {}

    /** One media range of an Accept header with its weight and position. */
    private record Clause(String type, String subtype, double q, int position) {
      int wildcards() {
        return (type.equals("*") ? 1 : 0) + (subtype.equals("*") ? 1 : 0);
      }
    }

    /**
     * The first offered form the Accept clauses allow, clauses taken by weight, then the more
     * specific first, then as written: JSON, then protobuf under either of its two media types. No
     * header means anything.
     */
    static Choice choose(String accept) {
      String header = accept == null || accept.isBlank() ? "*/*" : accept;
      List<Clause> clauses = new ArrayList<>();
      for (String part : header.split(",")) {
        String[] pieces = part.split(";");
        String range = pieces[0].trim().toLowerCase();
        double q = 1;
        for (int i = 1; i < pieces.length; i++) {
          String param = pieces[i].trim();
          if (param.startsWith("q=")) {
            try {
              q = Double.parseDouble(param.substring(2));
            } catch (NumberFormatException e) {
              q = 0;
            }
          }
        }
        int slash = range.indexOf('/');
        if (slash > 0 && q > 0) {
          clauses.add(
              new Clause(range.substring(0, slash), range.substring(slash + 1), q, clauses.size()));
        }
      }
      clauses.sort(
          Comparator.comparingDouble(Clause::q)
              .reversed()
              .thenComparingInt(Clause::wildcards)
              .thenComparingInt(Clause::position));
      for (Clause clause : clauses) {
        if (!clause.type().equals("application") && !clause.type().equals("*")) {
          continue;
        }
        if (clause.subtype().equals("json") || clause.subtype().equals("*")) {
          return Choice.JSON;
        }
        if (clause.subtype().equals(PROTOBUF_SUBTYPE_OLD)
            || clause.subtype().equals(PROTOBUF_SUBTYPE)) {
          return Choice.PROTOBUF;
        }
      }
      return Choice.NONE;
    }

    /** Whether an {@code If-None-Match} header names {@code etag} (or is {@code *}). */
    static boolean matchesEtag(String ifNoneMatch, String etag) {
      if (ifNoneMatch == null) {
        return false;
      }
      for (String candidate : ifNoneMatch.split(",")) {
        String c = candidate.trim();
        if (c.startsWith("W/")) {
          c = c.substring(2);
        }
        if (c.equals("*") || c.equals(etag)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final class Lru<K, V> extends LinkedHashMap<K, V> {
    private final int capacity;

    Lru(int capacity) {
      super(16, 0.75f, true);
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
      return size() > capacity;
    }
  }
}
