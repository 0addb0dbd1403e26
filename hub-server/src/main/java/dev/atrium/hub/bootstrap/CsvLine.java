package dev.atrium.hub.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields: comma separated, fields may be double-quoted (a doubled quote
 * inside a quoted field is a literal quote), whitespace around fields is trimmed. Quoted fields
 * cannot span lines.
 */
final class CsvLine {

  private final String line;
  private int pos;

  private CsvLine(String line) {
    this.line = line;
  }

  /**
   * @throws IllegalArgumentException on an unterminated quote or text after a closing quote
   */
  static List<String> split(String line) {
    return new CsvLine(line).fields();
  }

  private List<String> fields() {
    List<String> fields = new ArrayList<>();
    while (true) {
      skipSpaces();
      fields.add(atQuote() ? quotedField() : plainField());
      if (pos >= line.length()) {
        return fields;
      }
      pos++; // the comma
    }
  }

  private String plainField() {
    int comma = line.indexOf(',', pos);
    int end = comma < 0 ? line.length() : comma;
    String field = line.substring(pos, end).strip();
    if (field.indexOf('"') >= 0) {
      throw new IllegalArgumentException("bare \" in unquoted field");
    }
    pos = end;
    return field;
  }

  private String quotedField() {
    StringBuilder out = new StringBuilder();
    pos++; // opening quote
    while (true) {
      int quote = line.indexOf('"', pos);
      if (quote < 0) {
        throw new IllegalArgumentException("unterminated quoted field");
      }
      out.append(line, pos, quote);
      pos = quote + 1;
      if (atQuote()) {
        out.append('"');
        pos++;
      } else {
        expectFieldEnd();
        return out.toString();
      }
    }
  }

  private void expectFieldEnd() {
    skipSpaces();
    if (pos < line.length() && line.charAt(pos) != ',') {
      throw new IllegalArgumentException("unexpected text after closing quote");
    }
  }

  private boolean atQuote() {
    return pos < line.length() && line.charAt(pos) == '"';
  }

  private void skipSpaces() {
    while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
      pos++;
    }
  }
}
