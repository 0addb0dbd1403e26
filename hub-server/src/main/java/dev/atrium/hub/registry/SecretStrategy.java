package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.catalog.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Secrets: as the v1 conversion does, {@code stringData} is merged into {@code data} (base64,
 * stringData wins) and never stored; {@code type} defaults to Opaque.
 */
final class SecretStrategy implements Strategy {

  @Override
  public void prepareForCreate(ResourceType type, ObjectNode object) {
    normalize(object);
  }

  @Override
  public void prepareForUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
    normalize(object);
  }

  static void normalize(ObjectNode object) {
    JsonNode stringData = object.remove("stringData");
    if (stringData != null && stringData.isObject() && stringData.size() > 0) {
      ObjectNode data = object.with("data");
      Iterator<Map.Entry<String, JsonNode>> fields = stringData.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String value = field.getValue().isNull() ? "" : field.getValue().asText();
        data.put(
            field.getKey(),
            Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
      }
    }
    JsonNode secretType = object.get("type");
    if (secretType == null || secretType.isNull() || secretType.asText().isEmpty()) {
      object.put("type", "Opaque");
    }
  }
}
