package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.registry.crd.CrdRegistry;
import dev.atrium.hub.registry.crd.CrdVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/** The {@code openAPIV3Schema} of every CRD version a logical cluster serves, for OpenAPI v3. */
@ApplicationScoped
public class CrdSchemas implements CustomSchemaSource {

  @Inject CrdRegistry crds;

  @Override
  public Map<String, JsonNode> schemas(String cluster, String group, String version) {
    Map<String, JsonNode> schemas = new HashMap<>();
    for (CrdVersion v : crds.versions(cluster, group, version)) {
      JsonNode schema = v.schema().openApiV3Schema();
      if (schema != null) {
        schemas.put(v.type().kind(), schema);
      }
    }
    return schemas;
  }
}
