package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException.Cause;
import java.util.List;

/**
 * One CRD version's structural schema ({@code openAPIV3Schema}): pruning of unknown fields,
 * defaulting and validation of custom resources. A version without a schema accepts anything.
 *
 * <p>CEL {@code x-kubernetes-validations} rules are evaluated after the structural checks (see
 * {@link CelRules} and docs/cel.md), unless those found errors that block them, as upstream.
 */
public final class CustomResourceSchema {

  private static final CustomResourceSchema NONE = new CustomResourceSchema(null);

  /** The structural errors after which apiextensions does not run CEL rules. */
  private static final java.util.Set<String> BLOCKING =
      java.util.Set.of(
          "FieldValueNotSupported",
          "FieldValueRequired",
          "FieldValueTooLong",
          "FieldValueTooMany",
          "FieldValueTypeInvalid");

  private final JsonNode root;
  private final CelRules rules;

  private CustomResourceSchema(JsonNode root) {
    this.root = root;
    this.rules = root != null && CelRules.hasRules(root) ? new CelRules(root) : null;
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

  /**
   * The paths of the fields pruning would remove from {@code object} (e.g. {@code spec.foo}), for
   * {@code fieldValidation}; {@code object} is not changed.
   */
  public List<String> unknownFields(ObjectNode object) {
    return root == null ? List.of() : SchemaPruner.pruned(object.deepCopy(), root);
  }

  /** Applies defaults (in place). */
  public void applyDefaults(ObjectNode object) {
    if (root != null) {
      SchemaDefaulter.apply(object, root);
    }
  }

  /** Field errors, empty when the object is valid (a create). */
  public List<Cause> validate(ObjectNode object) {
    return validateUpdate(object, null);
  }

  /**
   * Field errors of an update from {@code old} (null for a create): the structural schema, then the
   * CEL rules, with {@code oldSelf} from {@code old}.
   */
  public List<Cause> validateUpdate(ObjectNode object, ObjectNode old) {
    if (root == null) {
      return List.of();
    }
    List<Cause> causes = SchemaValidator.validateRoot(object, root);
    if (rules == null) {
      return causes;
    }
    List<Cause> all = new java.util.ArrayList<>(causes);
    if (causes.stream().anyMatch(c -> BLOCKING.contains(c.reason()))) {
      all.add(
          new Cause(
              "FieldValueInvalid",
              "Invalid value: null: some validation rules were not checked because the object was"
                  + " invalid; correct the existing errors to complete validation",
              "<nil>"));
    } else {
      all.addAll(rules.validate(object, old));
    }
    return all;
  }

  /**
   * Errors of the CEL rules in a CRD version's {@code openAPIV3Schema} (rules or messageExpressions
   * that do not compile), with field paths under {@code path} (e.g. {@code
   * spec.versions[0].schema.openAPIV3Schema}).
   */
  public static List<Cause> ruleErrors(JsonNode openApiV3Schema, String path) {
    return openApiV3Schema == null || !openApiV3Schema.isObject()
        ? List.of()
        : CelRules.schemaErrors(openApiV3Schema, path);
  }

  /** Prune, then default: what a write or a read from storage gets. */
  public void normalize(ObjectNode object) {
    prune(object);
    applyDefaults(object);
  }
}
