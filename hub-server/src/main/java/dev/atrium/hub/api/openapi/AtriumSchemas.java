package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.model.meta.AtriumKinds;
import dev.atrium.model.schema.OpenApiSchemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The schemas of Atrium's own kinds (Workspace, WorkspaceType, SyncTarget, Placement, APIExport,
 * APIBinding), generated once from their workspace-model records by {@link OpenApiSchemas}; they
 * are served in OpenAPI v3 and v2 like a CRD's {@code openAPIV3Schema} ({@link DocumentBuilder}).
 */
final class AtriumSchemas {

  private static final Map<List<String>, Map<String, JsonNode>> BY_GROUP_VERSION = generate();

  private AtriumSchemas() {}

  /** The schemas by kind of the Atrium kinds in {@code group/version}; empty for other groups. */
  static Map<String, JsonNode> of(String group, String version) {
    return BY_GROUP_VERSION.getOrDefault(List.of(group, version), Map.of());
  }

  private static Map<List<String>, Map<String, JsonNode>> generate() {
    Map<List<String>, Map<String, JsonNode>> result = new HashMap<>();
    for (AtriumKinds.Kind kind : AtriumKinds.all()) {
      result
          .computeIfAbsent(List.of(kind.group(), kind.version()), k -> new HashMap<>())
          .put(kind.kind(), OpenApiSchemas.kind(kind.type()));
    }
    result.replaceAll((gv, schemas) -> Map.copyOf(schemas));
    return Map.copyOf(result);
  }
}
