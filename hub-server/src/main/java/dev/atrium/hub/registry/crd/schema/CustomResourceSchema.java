package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.api.ApiException.Cause;
import java.util.List;

/**
 * One CRD version's structural schema ({@code openAPIV3Schema}): pruning of unknown fields,
 * defaulting and validation of custom resources. A version without a schema accepts anything.
 *
 * <p>TODO(issue 3, item 8): {@code x-kubernetes-validations} (CEL rules) are not evaluated yet;
 * they need {@code dev.cel:cel} plus the Kubernetes CEL library. Objects pass as if no rules were
 * set.
 */
public final class CustomResourceSchema {

  private static final CustomResourceSchema NONE = new CustomResourceSchema(null);

  private final JsonNode root;

  private CustomResourceSchema(JsonNode root) {
    this.root = root;
  }

  /** {@code schema} is the version's {@code openAPIV3Schema} (null or missing: no schema). */
  public static CustomResourceSchema of(JsonNode schema) {
    return schema == null || !schema.isObject() ? NONE : new CustomResourceSchema(schema);
  }

  /** The {@code openAPIV3Schema} this was built from, or null. */
  public JsonNode openApiV3Schema() {
    return root;
  }

  /** Removes unknown fields (in place). */
  public void prune(ObjectNode object) {
    if (root != null) {
      SchemaPruner.prune(object, root, true);
    }
  }

  /** Applies defaults (in place). */
  public void applyDefaults(ObjectNode object) {
    if (root != null) {
      SchemaDefaulter.apply(object, root);
    }
  }

  /** Field errors, empty when the object is valid. */
  public List<Cause> validate(ObjectNode object) {
    return root == null ? List.of() : SchemaValidator.validateRoot(object, root);
  }

  /** Prune, then default: what a write or a read from storage gets. */
  public void normalize(ObjectNode object) {
    prune(object);
    applyDefaults(object);
  }
}
