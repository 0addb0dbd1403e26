package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.request.ApiException.Cause;
import java.util.List;
import java.util.stream.Collectors;

/** Field errors as apiextensions-apiserver turns kube-openapi results into them. */
final class FieldErrors {

  private FieldErrors() {}

  static Cause invalid(String path, JsonNode value, String detail) {
    return invalidText(path, ValueText.of(value), detail);
  }

  static Cause invalidText(String path, String valueText, String detail) {
    return new Cause("FieldValueInvalid", "Invalid value: " + valueText + ": " + detail, path);
  }

  /** "spec.size in body must be of type integer: \"string\"" as a TypeInvalid error. */
  static Cause wrongType(String path, String expected, JsonNode value) {
    String actual = ValueText.quote(ValueText.typeName(value));
    return new Cause(
        "FieldValueTypeInvalid",
        "Invalid value: "
            + actual
            + ": "
            + body(path)
            + " must be of type "
            + expected
            + ": "
            + actual,
        path);
  }

  static Cause required(String path) {
    return new Cause("FieldValueRequired", "Required value", path);
  }

  static Cause required(String path, String detail) {
    return new Cause("FieldValueRequired", "Required value: " + detail, path);
  }

  static Cause notSupported(String path, JsonNode value, JsonNode allowed) {
    List<String> values = new java.util.ArrayList<>();
    allowed.forEach(v -> values.add(ValueText.of(v)));
    return new Cause(
        "FieldValueNotSupported",
        "Unsupported value: "
            + ValueText.of(value)
            + ": supported values: "
            + values.stream().collect(Collectors.joining(", ")),
        path);
  }

  static Cause tooLong(String path, long max) {
    return new Cause(
        "FieldValueTooLong",
        "Too long: may not be more than " + max + (max == 1 ? " byte" : " bytes"),
        path);
  }

  static Cause tooMany(String path, long actual, long max) {
    return new Cause(
        "FieldValueTooMany", "Too many: " + actual + ": must have at most " + max + " items", path);
  }

  /** kube-openapi's "&lt;path&gt; in body" subject; the root is "body". */
  static String body(String path) {
    return path.isEmpty() ? "body" : path + " in body";
  }
}
