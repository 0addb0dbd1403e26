package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Small accessors on {@code metadata} of JSON objects. */
public final class ObjectMeta {

  public static final String PATH_ANNOTATION = "atrium.dev/path";

  private ObjectMeta() {}

  public static ObjectNode of(ObjectNode object) {
    JsonNode m = object.get("metadata");
    if (m instanceof ObjectNode node) {
      return node;
    }
    return object.putObject("metadata");
  }

  public static String text(ObjectNode object, String field) {
    JsonNode m = object.get("metadata");
    return m == null ? "" : m.path(field).asText("");
  }

  public static String name(ObjectNode object) {
    return text(object, "name");
  }

  public static String uid(ObjectNode object) {
    return text(object, "uid");
  }

  public static boolean deleting(ObjectNode object) {
    return !text(object, "deletionTimestamp").isEmpty();
  }

  public static List<String> finalizers(ObjectNode object) {
    List<String> result = new ArrayList<>();
    JsonNode f = object.path("metadata").path("finalizers");
    f.forEach(n -> result.add(n.asText()));
    return result;
  }

  public static void setFinalizers(ObjectNode object, List<String> finalizers) {
    if (finalizers.isEmpty()) {
      of(object).remove("finalizers");
      return;
    }
    ArrayNode array = of(object).putArray("finalizers");
    finalizers.forEach(array::add);
  }

  public static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
