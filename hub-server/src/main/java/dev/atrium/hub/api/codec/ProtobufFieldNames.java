package dev.atrium.hub.api.codec;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Map;

/**
 * The JSON name of a Kubernetes proto field. The proto names are the Go JSON names (even the odd
 * ones such as DaemonEndpoint.Port and v1beta1 CustomResourceColumnDefinition.JSONPath), except for
 * the handful below and the JSON-schema keywords of CustomResourceDefinition schemas.
 */
final class ProtobufFieldNames {

  private static final Map<String, String> OVERRIDES =
      Map.ofEntries(
          Map.entry("MutatingWebhookConfiguration.Webhooks", "webhooks"),
          Map.entry("ValidatingWebhookConfiguration.Webhooks", "webhooks"),
          Map.entry("Validation.Expression", "expression"),
          Map.entry("Variable.Name", "name"),
          Map.entry("Variable.Expression", "expression"),
          Map.entry("BoundObjectReference.uID", "uid"),
          Map.entry("IngressClassParametersReference.aPIGroup", "apiGroup"),
          Map.entry("JSONSchemaProps.ref", "$ref"),
          Map.entry("JSONSchemaProps.schema", "$schema"));

  private static final String X_KUBERNETES = "xKubernetes";

  private ProtobufFieldNames() {}

  static String jsonName(FieldDescriptor field) {
    String owner = field.getContainingType().getName();
    String override = OVERRIDES.get(owner + "." + field.getName());
    if (override != null) {
      return override;
    }
    if (owner.equals("JSONSchemaProps") && field.getName().startsWith(X_KUBERNETES)) {
      return "x-kubernetes" + kebab(field.getName().substring(X_KUBERNETES.length()));
    }
    return field.getName();
  }

  /** {@code PreserveUnknownFields} → {@code -preserve-unknown-fields}. */
  private static String kebab(String camel) {
    StringBuilder out = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('-').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
