package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.catalog.ResourceType;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The OpenAPI v3 documents kubectl reads for apply, diff, explain and field validation: the index
 * at {@code /openapi/v3} and one document per served group-version.
 *
 * <p>Documents are built on first use from the built-in definitions (plus {@link
 * CustomSchemaSource} schemas for custom kinds) and cached by their inputs, so logical clusters
 * serving the same types share them. The parsed definitions are only softly held.
 */
@ApplicationScoped
public class OpenApiV3 {

  static final String ROOT = "/openapi/v3";
  private static final int CACHE_SIZE = 128;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Inject Instance<CustomSchemaSource> customSources;

  private final Map<DocumentKey, OpenApiDocument> cache =
      Collections.synchronizedMap(new Lru<>(CACHE_SIZE));
  private SoftReference<Definitions> definitions = new SoftReference<>(null);

  private record DocumentKey(
      String group, String version, List<ResourceType> types, Map<String, JsonNode> custom) {}

  /** The {@code /clusters/<name>} prefix to keep in server-relative URLs ("" for plain root). */
  public static String prefix(String cluster, String rawRequestPath) {
    boolean viaClusters = rawRequestPath != null && rawRequestPath.startsWith("/clusters/");
    return "root".equals(cluster) && !viaClusters ? "" : "/clusters/" + cluster;
  }

  /** Serves {@code path} (starting with {@code /openapi/v3}); see {@link OpenApiResponder}. */
  public void handle(
      RoutingContext ctx, String cluster, String path, String prefix, List<ResourceType> served) {
    CustomSchemaSource source = customSource();
    new OpenApiResponder(this, ctx, path, prefix).respond(cluster, served, source);
  }

  /** The documents of all served group-versions, keyed {@code api/v1}, {@code apis/apps/v1}... */
  public SortedMap<String, OpenApiDocument> documents(
      String cluster, List<ResourceType> served, CustomSchemaSource source) {
    SortedMap<String, OpenApiDocument> result = new TreeMap<>();
    byGroupVersion(served)
        .forEach(
            (gv, types) ->
                result.put(
                    ApiGroups.documentPath(gv.get(0), gv.get(1)),
                    document(
                        gv.get(0),
                        gv.get(1),
                        types,
                        source.schemas(cluster, gv.get(0), gv.get(1)))));
    return result;
  }

  /** Whether {@link #documents} would answer from the cache alone. */
  public boolean cached(String cluster, List<ResourceType> served, CustomSchemaSource source) {
    return byGroupVersion(served).entrySet().stream()
        .allMatch(
            e -> {
              String g = e.getKey().get(0);
              String v = e.getKey().get(1);
              return cache.containsKey(
                  new DocumentKey(g, v, e.getValue(), source.schemas(cluster, g, v)));
            });
  }

  /**
   * The document of one group-version.
   *
   * @param types the served resources of that group-version
   * @param customSchemas {@code openAPIV3Schema} by kind, used for kinds without a built-in schema
   */
  public OpenApiDocument document(
      String group, String version, List<ResourceType> types, Map<String, JsonNode> customSchemas) {
    DocumentKey key =
        new DocumentKey(group, version, List.copyOf(types), Map.copyOf(customSchemas));
    OpenApiDocument cachedDocument = cache.get(key);
    if (cachedDocument != null) {
      return cachedDocument;
    }
    ObjectNode doc = new DocumentBuilder(definitions()).build(key.types(), key.custom());
    OpenApiDocument built = OpenApiDocument.of(bytes(doc));
    cache.put(key, built);
    return built;
  }

  /**
   * {@code
   * {"paths":{"apis/apps/v1":{"serverRelativeURL":"<prefix>/openapi/v3/apis/apps/v1?hash=H"}}}}.
   */
  public OpenApiDocument index(String prefix, Map<String, OpenApiDocument> documents) {
    ObjectNode index = Json.object();
    ObjectNode paths = index.putObject("paths");
    documents.forEach(
        (path, doc) ->
            paths.putObject(path).put("serverRelativeURL", url(prefix, path, doc.hash())));
    return OpenApiDocument.of(bytes(index));
  }

  static String url(String prefix, String documentPath, String hash) {
    return prefix + ROOT + "/" + documentPath + "?hash=" + hash;
  }

  synchronized Definitions definitions() {
    Definitions loaded = definitions.get();
    if (loaded == null) {
      loaded = Definitions.loadResource();
      definitions = new SoftReference<>(loaded);
    }
    return loaded;
  }

  CustomSchemaSource customSource() {
    return customSources != null && customSources.isResolvable()
        ? customSources.get()
        : CustomSchemaSource.NONE;
  }

  static Map<List<String>, List<ResourceType>> byGroupVersion(List<ResourceType> served) {
    Map<List<String>, List<ResourceType>> result = new LinkedHashMap<>();
    for (ResourceType type : served) {
      result
          .computeIfAbsent(List.of(type.group(), type.version()), k -> new ArrayList<>())
          .add(type);
    }
    return result;
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an OpenAPI document", e);
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
