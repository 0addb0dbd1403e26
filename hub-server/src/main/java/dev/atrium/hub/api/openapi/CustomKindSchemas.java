package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The component schemas of a kind without a built-in definition (custom resources): the CRD's
 * {@code openAPIV3Schema} with apiVersion, kind and metadata added, and its list, as kube-apiserver
 * publishes them.
 */
final class CustomKindSchemas {

  static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
  static final String LIST_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";

  private static final String API_VERSION_DESCRIPTION =
      "APIVersion defines the versioned schema of this representation of an object. Servers should"
          + " convert recognized schemas to the latest internal value, and may reject unrecognized"
          + " values. More info:"
          + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
  private static final String KIND_DESCRIPTION =
      "Kind is a string value representing the REST resource this object represents. Servers may"
          + " infer this from the endpoint the client submits requests to. Cannot be updated. In"
          + " CamelCase. More info:"
          + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

  private CustomKindSchemas() {}

  /**
   * The kind's schema.
   *
   * @param openApiV3Schema the CRD version's schema, or null for "anything goes"
   */
  static ObjectNode kind(Gvk gvk, JsonNode openApiV3Schema) {
    ObjectNode schema =
        openApiV3Schema != null && openApiV3Schema.isObject()
            ? ((ObjectNode) openApiV3Schema).deepCopy()
            : Json.object().put("x-kubernetes-preserve-unknown-fields", true);
    if (!schema.has("type")) {
      schema.put("type", "object");
    }
    ObjectNode properties = schema.withObject("/properties");
    properties.set("apiVersion", Json.typed("string", API_VERSION_DESCRIPTION));
    properties.set("kind", Json.typed("string", KIND_DESCRIPTION));
    properties.set(
        "metadata",
        Json.describedRef(
            OBJECT_META,
            "Standard object's metadata. More info:"
                + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"));
    schema.set("x-kubernetes-group-version-kind", gvk.list());
    return schema;
  }

  /** The schema of {@code <Kind>List}, whose items are {@code itemDefinition}. */
  static ObjectNode list(Gvk gvk, String itemDefinition) {
    ObjectNode schema = Json.object();
    schema.put("description", gvk.kind() + "List is a list of " + gvk.kind());
    schema.put("type", "object");
    schema.set("required", Json.strings("items"));
    ObjectNode properties = schema.putObject("properties");
    properties.set("apiVersion", Json.typed("string", API_VERSION_DESCRIPTION));
    ObjectNode items = Json.typed("array", "List of " + gvk.kind().toLowerCase() + "s.");
    items.set("items", Json.ref(itemDefinition));
    properties.set("items", items);
    properties.set("kind", Json.typed("string", KIND_DESCRIPTION));
    properties.set("metadata", Json.describedRef(LIST_META, "Standard list metadata."));
    schema.set("x-kubernetes-group-version-kind", gvk.withKind(gvk.kind() + "List").list());
    return schema;
  }
}
