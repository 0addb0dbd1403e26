package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.request.ApiException.Cause;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Constraints on one value of an allowed type: enum, bounds, lengths, pattern, format. */
final class ValueChecks {

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private ValueChecks() {}

  static void check(JsonNode value, JsonNode schema, String path, List<Cause> causes) {
    JsonNode allowed = schema.get("enum");
    if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
      causes.add(FieldErrors.notSupported(path, value, allowed));
    }
    if (value.isNumber()) {
      numeric(value, schema, path, causes);
    } else if (value.isTextual()) {
      text(value, schema, path, causes);
    } else if (value.isArray()) {
      sized(value, schema, path, "Items", "items", causes);
    } else if (value.isObject()) {
      sized(value, schema, path, "Properties", "properties", causes);
    }
  }

  private static boolean contains(JsonNode allowed, JsonNode value) {
    for (JsonNode a : allowed) {
      if (a.equals(value) || a.isNumber() && value.isNumber() && sameNumber(a, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameNumber(JsonNode a, JsonNode b) {
    return a.decimalValue().compareTo(b.decimalValue()) == 0;
  }

  private static void numeric(JsonNode value, JsonNode schema, String path, List<Cause> causes) {
    BigDecimal v = value.decimalValue();
    JsonNode min = schema.get("minimum");
    if (min != null && min.isNumber()) {
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
      int cmp = v.compareTo(min.decimalValue());
      if (cmp < 0 || exclusive && cmp == 0) {
        String rel = exclusive ? "greater than " : "greater than or equal to ";
        causes.add(bound(path, value, rel, min));
      }
    }
    JsonNode max = schema.get("maximum");
    if (max != null && max.isNumber()) {
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
      int cmp = v.compareTo(max.decimalValue());
      if (cmp > 0 || exclusive && cmp == 0) {
        String rel = exclusive ? "less than " : "less than or equal to ";
        causes.add(bound(path, value, rel, max));
      }
    }
    JsonNode multiple = schema.get("multipleOf");
    if (multiple != null && multiple.isNumber() && multiple.decimalValue().signum() > 0) {
      if (v.remainder(multiple.decimalValue()).signum() != 0) {
        causes.add(
            FieldErrors.invalid(
                path,
                value,
                FieldErrors.body(path) + " should be a multiple of " + ValueText.bound(multiple)));
      }
    }
  }

  private static Cause bound(String path, JsonNode value, String relation, JsonNode limit) {
    return FieldErrors.invalid(
        path, value, FieldErrors.body(path) + " should be " + relation + ValueText.bound(limit));
  }

  private static void text(JsonNode value, JsonNode schema, String path, List<Cause> causes) {
    String s = value.asText();
    int length = s.codePointCount(0, s.length());
    JsonNode maxLength = schema.get("maxLength");
    if (maxLength != null && length > maxLength.asLong()) {
      causes.add(FieldErrors.tooLong(path, maxLength.asLong()));
    }
    JsonNode minLength = schema.get("minLength");
    if (minLength != null && length < minLength.asLong()) {
      causes.add(
          FieldErrors.invalid(
              path,
              value,
              FieldErrors.body(path)
                  + " should be at least "
                  + minLength.asLong()
                  + " chars long"));
    }
    String pattern = schema.path("pattern").asText("");
    if (!pattern.isEmpty() && !matches(pattern, s)) {
      causes.add(
          FieldErrors.invalid(
              path, value, FieldErrors.body(path) + " should match '" + pattern + "'"));
    }
    String format = schema.path("format").asText("");
    if (!format.isEmpty() && !Formats.valid(format, s)) {
      causes.add(
          FieldErrors.invalid(
              path,
              value,
              FieldErrors.body(path) + " must be of type " + format + ": " + ValueText.of(value)));
    }
  }

  private static boolean matches(String pattern, String s) {
    try {
      return PATTERNS.computeIfAbsent(pattern, Pattern::compile).matcher(s).find();
    } catch (PatternSyntaxException e) {
      return true;
    }
  }

  /** minItems/maxItems on arrays, minProperties/maxProperties on objects. */
  private static void sized(
      JsonNode value, JsonNode schema, String path, String suffix, String noun, List<Cause> out) {
    int size = value.size();
    JsonNode max = schema.get("max" + suffix);
    if (max != null && size > max.asLong()) {
      out.add(FieldErrors.tooMany(path, size, max.asLong()));
    }
    JsonNode min = schema.get("min" + suffix);
    if (min != null && size < min.asLong()) {
      out.add(
          FieldErrors.invalidText(
              path,
              Integer.toString(size),
              FieldErrors.body(path) + " should have at least " + min.asLong() + " " + noun));
    }
  }
}
