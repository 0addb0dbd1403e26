package dev.atrium.hub.storage.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Label key and value validation with the messages of apimachinery's {@code IsQualifiedName} and
 * {@code IsValidLabelValue}, and the rendering of {@code field.Invalid} errors.
 */
public final class LabelValidation {

  private static final String NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern NAME = Pattern.compile("^" + NAME_FMT + "$");
  private static final String NAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";
  private static final String VALUE_FMT = "(" + NAME_FMT + ")?";
  private static final Pattern VALUE = Pattern.compile("^" + VALUE_FMT + "$");
  private static final String VALUE_MSG =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final String DNS_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN_FMT = DNS_LABEL_FMT + "(\\." + DNS_LABEL_FMT + ")*";
  private static final Pattern SUBDOMAIN = Pattern.compile("^" + SUBDOMAIN_FMT + "$");
  private static final String SUBDOMAIN_MSG =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final int NAME_MAX = 63;
  private static final int SUBDOMAIN_MAX = 253;

  private LabelValidation() {}

  /** Problems with a label key (empty list when valid). */
  public static List<String> keyErrors(String key) {
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      return List.of(
          "a qualified name "
              + regexError(NAME_MSG, NAME_FMT, "MyName", "my.name", "123-abc")
              + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    }
    List<String> errors = new ArrayList<>();
    if (parts.length == 2) {
      errors.addAll(prefixErrors(parts[0]));
    }
    errors.addAll(nameErrors(parts[parts.length - 1]));
    return errors;
  }

  /** Problems with a label value (empty list when valid). */
  public static List<String> valueErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > NAME_MAX) {
      errors.add(maxLenError(NAME_MAX));
    }
    if (!VALUE.matcher(value).matches()) {
      errors.add(regexError(VALUE_MSG, VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errors;
  }

  /** apimachinery's {@code field.Invalid(path, value, detail).Error()}. */
  static String invalid(String path, String badValue, String detail) {
    return path + ": Invalid value: " + goQuote(badValue) + ": " + detail;
  }

  /** Go's {@code %q} for the characters that occur in practice. */
  static String goQuote(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.chars().forEach(c -> out.append(escape((char) c)));
    return out.append('"').toString();
  }

  /** Go's {@code %#v} of a {@code []string}. */
  static String goStringSlice(List<String> values) {
    List<String> quoted = values.stream().map(LabelValidation::goQuote).toList();
    return "[]string{" + String.join(", ", quoted) + "}";
  }

  private static List<String> prefixErrors(String prefix) {
    if (prefix.isEmpty()) {
      return List.of("prefix part must be non-empty");
    }
    List<String> errors = new ArrayList<>();
    if (prefix.length() > SUBDOMAIN_MAX) {
      errors.add("prefix part " + maxLenError(SUBDOMAIN_MAX));
    }
    if (!SUBDOMAIN.matcher(prefix).matches()) {
      errors.add("prefix part " + regexError(SUBDOMAIN_MSG, SUBDOMAIN_FMT, "example.com"));
    }
    return errors;
  }

  private static List<String> nameErrors(String name) {
    List<String> errors = new ArrayList<>();
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (name.length() > NAME_MAX) {
      errors.add("name part " + maxLenError(NAME_MAX));
    }
    if (!NAME.matcher(name).matches()) {
      errors.add("name part " + regexError(NAME_MSG, NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errors;
  }

  private static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

  private static String regexError(String msg, String fmt, String... examples) {
    StringBuilder out = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      out.append(i > 0 ? " or " : "").append('\'').append(examples[i]).append("', ");
    }
    return out.append("regex used for validation is '").append(fmt).append("')").toString();
  }

  private static String escape(char c) {
    return switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '\n' -> "\\n";
      case '\t' -> "\\t";
      case '\r' -> "\\r";
      default -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    };
  }
}
