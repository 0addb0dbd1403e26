package dev.atrium.hub.registry.crd.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Duration;
import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CEL types and values of custom resource data, as Kubernetes binds {@code self}: objects as maps,
 * arrays as lists, integers as int, numbers as double, strings (date-time as timestamp, duration as
 * duration), booleans; {@code x-kubernetes-int-or-string} and untyped nodes as dyn.
 */
final class CelValues {

  private static final Pattern DURATION_PART =
      Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

  private CelValues() {}

  /** The declared CEL type of a schema node. */
  static CelType type(JsonNode schema) {
    if (schema == null || Schemas.intOrString(schema)) {
      return SimpleType.DYN;
    }
    return switch (Schemas.type(schema)) {
      case "object" -> {
        JsonNode additional = Schemas.additionalSchema(schema);
        yield MapType.create(
            SimpleType.STRING,
            additional != null && !schema.has("properties") ? type(additional) : SimpleType.DYN);
      }
      case "array" -> ListType.create(type(Schemas.items(schema)));
      case "string" ->
          switch (schema.path("format").asText("")) {
            case "date-time" -> SimpleType.TIMESTAMP;
            case "duration" -> SimpleType.DURATION;
            default -> SimpleType.STRING;
          };
      case "integer" -> SimpleType.INT;
      case "number" -> SimpleType.DOUBLE;
      case "boolean" -> SimpleType.BOOL;
      default -> SimpleType.DYN;
    };
  }

  /** A stable text of a type, for caches. */
  static String signature(CelType type) {
    StringBuilder b = new StringBuilder(type.name());
    if (!type.parameters().isEmpty()) {
      b.append('(');
      type.parameters().forEach(p -> b.append(signature(p)).append(','));
      b.append(')');
    }
    return b.toString();
  }

  /**
   * The CEL value of {@code value} under {@code schema}; {@code meta} for the root and embedded
   * resources, whose apiVersion, kind and metadata.name/generateName are visible.
   */
  static Object of(JsonNode value, JsonNode schema, boolean meta) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    if (value.isObject()) {
      Map<String, Object> out = new LinkedHashMap<>();
      value
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode v = e.getValue();
                if (v.isNull()) {
                  return;
                }
                String name = e.getKey();
                if (meta && Schemas.objectMetaField(name)) {
                  Object m = metaField(name, v);
                  if (m != null) {
                    out.put(name, m);
                  }
                  return;
                }
                JsonNode field = schema == null ? null : Schemas.fieldSchema(schema, name);
                out.put(name, of(v, field, field != null && Schemas.embedded(field)));
              });
      return out;
    }
    if (value.isArray()) {
      JsonNode items = schema == null ? null : Schemas.items(schema);
      boolean embedded = items != null && Schemas.embedded(items);
      List<Object> out = new ArrayList<>(value.size());
      value.forEach(v -> out.add(of(v, items, embedded)));
      return out;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      boolean number = schema != null && "number".equals(Schemas.type(schema));
      if (value.isIntegralNumber() && value.canConvertToLong() && !number) {
        return value.longValue();
      }
      return value.doubleValue();
    }
    if (value.isTextual()) {
      return text(value.asText(), schema);
    }
    return value.asText();
  }

  private static Object metaField(String name, JsonNode v) {
    if (!name.equals("metadata")) {
      return v.isTextual() ? v.asText() : null;
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    for (String f : new String[] {"name", "generateName"}) {
      if (v.path(f).isTextual()) {
        meta.put(f, v.path(f).asText());
      }
    }
    return meta;
  }

  private static Object text(String s, JsonNode schema) {
    if (schema == null || Schemas.intOrString(schema) || !"string".equals(Schemas.type(schema))) {
      return s;
    }
    String format = schema.path("format").asText("");
    if (format.equals("date-time")) {
      try {
        OffsetDateTime t = OffsetDateTime.parse(s);
        return Timestamp.newBuilder().setSeconds(t.toEpochSecond()).setNanos(t.getNano()).build();
      } catch (DateTimeParseException e) {
        return s;
      }
    }
    if (format.equals("duration")) {
      Duration d = duration(s);
      return d == null ? s : d;
    }
    return s;
  }

  /** A Go duration ("1h30m", "-1.5s", "0") as a protobuf Duration, or null. */
  static Duration duration(String s) {
    String rest = s;
    boolean negative = false;
    if (rest.startsWith("-") || rest.startsWith("+")) {
      negative = rest.startsWith("-");
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return Duration.getDefaultInstance();
    }
    if (rest.isEmpty()) {
      return null;
    }
    Matcher m = DURATION_PART.matcher(rest);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < rest.length()) {
      if (!m.find(at) || m.start() != at || m.group(1).isEmpty() || m.group(1).equals(".")) {
        return null;
      }
      BigDecimal n = new BigDecimal(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos = nanos.add(n.multiply(BigDecimal.valueOf(unit)));
      at = m.end();
    }
    long total = nanos.longValue() * (negative ? -1 : 1);
    return Duration.newBuilder()
        .setSeconds(total / 1_000_000_000L)
        .setNanos((int) (total % 1_000_000_000L))
        .build();
  }
}
