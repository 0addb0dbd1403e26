package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads and writes {@code metadata.managedFields}. */
public final class ManagedFieldsCodec {

  private static final Comparator<ManagedEntry> ORDER =
      Comparator.comparing(ManagedEntry::operation)
          .thenComparing(e -> e.time() == null ? "" : e.time())
          .thenComparing(ManagedEntry::manager)
          .thenComparing(ManagedEntry::apiVersion)
          .thenComparing(ManagedEntry::subresource);

  private ManagedFieldsCodec() {}

  /** The entries of an object; none when it has no (or a null) managedFields. */
  public static List<ManagedEntry> read(ObjectNode object) {
    if (object == null) {
      return new ArrayList<>();
    }
    return decode(object.path("metadata").get("managedFields"));
  }

  /**
   * Decodes a managedFields array.
   *
   * @throws IllegalArgumentException when it is malformed
   */
  public static List<ManagedEntry> decode(JsonNode array) {
    List<ManagedEntry> out = new ArrayList<>();
    if (array == null || array.isNull()) {
      return out;
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("managedFields must be a list");
    }
    for (JsonNode e : array) {
      if (!e.isObject()) {
        throw new IllegalArgumentException("managedFields entries must be objects");
      }
      String type = text(e, "fieldsType");
      if (type != null && !type.equals("FieldsV1")) {
        throw new IllegalArgumentException("unsupported fieldsType " + type);
      }
      out.add(
          new ManagedEntry(
              text(e, "manager"),
              text(e, "operation"),
              text(e, "apiVersion"),
              text(e, "time"),
              text(e, "subresource"),
              FieldsV1.parse(e.get("fieldsV1"))));
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Encodes entries in Kubernetes' order, leaving out those that own nothing. */
  public static ArrayNode encode(List<ManagedEntry> entries) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    entries.stream()
        .filter(e -> !e.fields().isEmpty())
        .sorted(ORDER)
        .forEach(
            e -> {
              ObjectNode o = out.addObject();
              o.put("manager", e.manager());
              o.put("operation", e.operation());
              o.put("apiVersion", e.apiVersion());
              if (e.time() != null) {
                o.put("time", e.time());
              }
              o.put("fieldsType", "FieldsV1");
              o.set("fieldsV1", FieldsV1.toJson(e.fields()));
              if (!e.subresource().isEmpty()) {
                o.put("subresource", e.subresource());
              }
            });
    return out;
  }

  /** Writes entries into {@code object}'s metadata, removing managedFields when none is left. */
  public static void write(ObjectNode object, List<ManagedEntry> entries) {
    ArrayNode encoded = encode(entries);
    ObjectNode meta = object.with("metadata");
    if (encoded.isEmpty()) {
      meta.remove("managedFields");
    } else {
      meta.set("managedFields", encoded);
    }
  }
}
