package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Supplies the schemas of kinds that have no built-in definition, typically the {@code
 * openAPIV3Schema} of each served CRD version. A CDI bean implementing this interface is picked up
 * by {@link OpenApiV3}.
 */
public interface CustomSchemaSource {

  CustomSchemaSource NONE = (cluster, group, version) -> Map.of();

  /**
   * @return {@code openAPIV3Schema} by kind for the kinds of {@code group/version} served in {@code
   *     cluster}; kinds left out are published as "any object"
   */
  Map<String, JsonNode> schemas(String cluster, String group, String version);
}
