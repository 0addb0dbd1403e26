package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The names block of a CRD (spec.names or status.acceptedNames), with upstream defaults. */
public record CrdNames(
    String plural,
    String singular,
    String kind,
    String listKind,
    List<String> shortNames,
    List<String> categories) {

  /** spec.names with singular and listKind defaulted. */
  public static CrdNames requested(JsonNode crd) {
    return of(crd.path("spec").path("names"));
  }

  /** status.acceptedNames, or null when no names were accepted yet. */
  public static CrdNames accepted(JsonNode crd) {
    JsonNode accepted = crd.path("status").path("acceptedNames");
    return accepted.path("plural").asText("").isEmpty() ? null : of(accepted);
  }

  static CrdNames of(JsonNode names) {
    String kind = names.path("kind").asText("");
    String singular = names.path("singular").asText("");
    String listKind = names.path("listKind").asText("");
    return new CrdNames(
        names.path("plural").asText(""),
        singular.isEmpty() ? kind.toLowerCase(Locale.ROOT) : singular,
        kind,
        listKind.isEmpty() && !kind.isEmpty() ? kind + "List" : listKind,
        strings(names.path("shortNames")),
        strings(names.path("categories")));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("plural", plural);
    n.put("singular", singular);
    if (!shortNames.isEmpty()) {
      shortNames.forEach(n.putArray("shortNames")::add);
    }
    n.put("kind", kind);
    n.put("listKind", listKind);
    if (!categories.isEmpty()) {
      categories.forEach(n.putArray("categories")::add);
    }
    return n;
  }
}
