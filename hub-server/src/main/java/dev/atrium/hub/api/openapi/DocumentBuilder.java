package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.catalog.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the OpenAPI v3 document of one group-version. */
final class DocumentBuilder {

  static final String KUBE_VERSION = "v1.33.0";

  private final Definitions definitions;

  DocumentBuilder(Definitions definitions) {
    this.definitions = definitions;
  }

  /**
   * @param types the served resources of this group-version
   * @param customSchemas {@code openAPIV3Schema} by kind, for kinds without a built-in definition
   */
  ObjectNode build(List<ResourceType> types, Map<String, JsonNode> customSchemas) {
    Components components = new Components(definitions);
    Map<String, ObjectNode> paths = new TreeMap<>();
    for (ResourceType type : types) {
      resourcePaths(type, customSchemas, components).addTo(paths);
    }
    components.addDefinition(Operations.PATCH_DEFINITION);
    components.addDefinition(Operations.DELETE_OPTIONS);
    components.addDefinition(Operations.STATUS);

    ObjectNode doc = Json.object();
    doc.put("openapi", "3.0.0");
    doc.set("info", Json.object().put("title", "Kubernetes").put("version", KUBE_VERSION));
    ObjectNode pathsNode = doc.putObject("paths");
    paths.forEach(pathsNode::set);
    doc.putObject("components").set("schemas", components.toNode());
    return doc;
  }

  private ResourcePaths resourcePaths(
      ResourceType type, Map<String, JsonNode> customSchemas, Components components) {
    Gvk gvk = new Gvk(type.group(), type.version(), type.kind());
    Optional<String> builtIn = definitions.kind(gvk);
    if (builtIn.isPresent()) {
      String list = definitions.kind(gvk.withKind(type.kind() + "List")).orElse(builtIn.get());
      components.addDefinition(builtIn.get());
      components.addDefinition(list);
      if (type.hasSubresource("scale")) {
        components.addDefinition(ResourcePaths.SCALE_DEFINITION);
      }
      return new ResourcePaths(type, builtIn.get(), list, true);
    }
    String kind = ApiGroups.customDefinition(gvk);
    String list = kind + "List";
    components.addSchema(kind, CustomKindSchemas.kind(gvk, schema(type, customSchemas)));
    components.addSchema(list, CustomKindSchemas.list(gvk, kind));
    if (type.hasSubresource("scale")) {
      components.addDefinition(ResourcePaths.SCALE_DEFINITION);
    }
    return new ResourcePaths(type, kind, list, false);
  }

  /** An Atrium kind's generated schema, else the CRD's; null publishes "any object". */
  private static JsonNode schema(ResourceType type, Map<String, JsonNode> customSchemas) {
    JsonNode atrium = AtriumSchemas.of(type.group(), type.version()).get(type.kind());
    return atrium != null ? atrium : customSchemas.get(type.kind());
  }
}
