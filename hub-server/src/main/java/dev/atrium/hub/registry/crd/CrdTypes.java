package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.crd.schema.CustomResourceSchema;
import dev.atrium.model.catalog.BuiltinCatalog;
import dev.atrium.model.catalog.PrinterColumn;
import dev.atrium.model.catalog.ResourceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Turns a CustomResourceDefinition object into the resource types it serves. */
public final class CrdTypes {

  static final List<String> VERBS =
      List.of("delete", "deletecollection", "get", "list", "patch", "create", "update", "watch");
  private static final String NAME_DESCRIPTION =
      BuiltinCatalog.byResource("", "configmaps")
          .map(t -> t.printerColumns().get(0).description())
          .orElse("");
  private static final CustomColumn AGE =
      new CustomColumn("Age", "date", ".metadata.creationTimestamp");

  private CrdTypes() {}

  /** The served versions, highest priority first (the first is the preferred version). */
  public static List<CrdVersion> served(ObjectNode crd) {
    CrdNames names = Optional.ofNullable(CrdNames.accepted(crd)).orElse(CrdNames.requested(crd));
    boolean terminating = ObjectMeta.deleting(crd);
    List<CrdVersion> out = new ArrayList<>();
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("served").asBoolean(false)) {
        out.add(version(crd, names, v, terminating));
      }
    }
    out.sort(Comparator.comparing(c -> c.type().version(), VersionPriority.ORDER));
    return List.copyOf(out);
  }

  /** The type of the storage version (served or not): what cleanup deletes through. */
  public static Optional<CrdVersion> storage(ObjectNode crd) {
    CrdNames names = Optional.ofNullable(CrdNames.accepted(crd)).orElse(CrdNames.requested(crd));
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("storage").asBoolean(false)) {
        return Optional.of(version(crd, names, v, true));
      }
    }
    return Optional.empty();
  }

  public static String storageVersion(JsonNode crd) {
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("storage").asBoolean(false)) {
        return v.path("name").asText("");
      }
    }
    return "";
  }

  private static CrdVersion version(
      ObjectNode crd, CrdNames names, JsonNode v, boolean terminating) {
    List<CustomColumn> columns = columns(v);
    ResourceType type =
        new ResourceType(
            crd.path("spec").path("group").asText(""),
            v.path("name").asText(""),
            names.kind(),
            names.plural(),
            names.singular(),
            names.shortNames(),
            names.categories(),
            !"Cluster".equals(crd.path("spec").path("scope").asText()),
            VERBS,
            subresources(v.path("subresources")),
            printerColumns(v));
    return new CrdVersion(
        type,
        ObjectMeta.name(crd),
        CustomResourceSchema.of(v.path("schema").get("openAPIV3Schema")),
        columns,
        terminating,
        selectableFields(v));
  }

  /** {@code selectableFields[].jsonPath} without the leading dot, as field selectors name them. */
  private static List<String> selectableFields(JsonNode version) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : version.path("selectableFields")) {
      String path = f.path("jsonPath").asText("");
      if (path.startsWith(".") && path.length() > 1) {
        out.add(path.substring(1));
      }
    }
    return List.copyOf(out);
  }

  private static List<String> subresources(JsonNode subresources) {
    List<String> out = new ArrayList<>();
    if (subresources.has("status")) {
      out.add("status");
    }
    if (subresources.has("scale")) {
      out.add("scale");
    }
    return List.copyOf(out);
  }

  /** Name, then the additional columns (or Age when there are none), as upstream serves them. */
  private static List<CustomColumn> columns(JsonNode version) {
    List<CustomColumn> out = new ArrayList<>();
    out.add(new CustomColumn("Name", "string", ".metadata.name"));
    JsonNode extra = version.path("additionalPrinterColumns");
    if (extra.isEmpty()) {
      out.add(AGE);
    }
    for (JsonNode c : extra) {
      out.add(
          new CustomColumn(
              c.path("name").asText(""),
              c.path("type").asText("string"),
              c.path("jsonPath").asText("")));
    }
    return List.copyOf(out);
  }

  private static List<PrinterColumn> printerColumns(JsonNode version) {
    List<PrinterColumn> out = new ArrayList<>();
    out.add(new PrinterColumn("Name", "string", "name", NAME_DESCRIPTION, 0));
    JsonNode extra = version.path("additionalPrinterColumns");
    if (extra.isEmpty()) {
      out.add(new PrinterColumn("Age", "date", "", describe(AGE.jsonPath(), ""), 0));
    }
    for (JsonNode c : extra) {
      out.add(
          new PrinterColumn(
              c.path("name").asText(""),
              c.path("type").asText("string"),
              c.path("format").asText(""),
              describe(c.path("jsonPath").asText(""), c.path("description").asText("")),
              c.path("priority").asInt(0)));
    }
    return List.copyOf(out);
  }

  private static String describe(String jsonPath, String description) {
    return description.isEmpty()
        ? "Custom resource definition column (in JSONPath format): " + jsonPath
        : description;
  }
}
