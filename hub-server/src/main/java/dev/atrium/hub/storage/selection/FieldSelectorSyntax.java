package dev.atrium.hub.storage.selection;

import java.util.ArrayList;
import java.util.List;

/** Term splitting and value escaping of apimachinery's {@code fields.ParseSelector}. */
final class FieldSelectorSyntax {

  /** Operators in the order upstream tries them at each position. */
  static final List<String> OPERATORS = List.of("!=", "==", "=");

  record Term(String field, String operator, String rawValue) {}

  private FieldSelectorSyntax() {}

  /** Comma-separated terms; escaped commas stay in the terms with their backslash. */
  static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>();
    if (selector.isEmpty()) {
      return terms;
    }
    int start = 0;
    boolean inSlash = false;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (inSlash) {
        inSlash = false;
      } else if (c == '\\') {
        inSlash = true;
      } else if (c == ',') {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }

  /** Splits at the first operator occurrence; null when the term has none. */
  static Term splitTerm(String term) {
    for (int i = 0; i < term.length(); i++) {
      for (String operator : OPERATORS) {
        if (term.startsWith(operator, i)) {
          return new Term(term.substring(0, i), operator, term.substring(i + operator.length()));
        }
      }
    }
    return null;
  }

  /** Undoes {@link #escape}; rejects unknown escapes and unescaped {@code ,} and {@code =}. */
  static String unescape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    boolean inSlash = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (inSlash) {
        if (c != '\\' && c != ',' && c != '=') {
          throw invalidEscape("\\" + c);
        }
        out.append(c);
        inSlash = false;
      } else if (c == '\\') {
        inSlash = true;
      } else if (c == ',' || c == '=') {
        throw new SelectorException(
            "invalid field selector: unescaped character in value: " + (int) c);
      } else {
        out.append(c);
      }
    }
    if (inSlash) {
      throw invalidEscape("\\");
    }
    return out.toString();
  }

  /** Backslash-escapes {@code \}, {@code ,} and {@code =} (upstream's EscapeValue). */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
  }

  private static SelectorException invalidEscape(String sequence) {
    return new SelectorException("invalid field selector: invalid escape sequence: " + sequence);
  }
}
