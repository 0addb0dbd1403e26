package dev.atrium.hub.storage.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tokenizer of apimachinery's label selector parser ({@code labels.Lexer}). */
final class LabelLexer {

  enum Token {
    ERROR,
    END_OF_STRING,
    CLOSED_PAR,
    COMMA,
    DOES_NOT_EXIST,
    DOUBLE_EQUALS,
    EQUALS,
    GREATER_THAN,
    IDENTIFIER,
    IN,
    LESS_THAN,
    NOT_EQUALS,
    NOT_IN,
    OPEN_PAR
  }

  record Item(Token token, String literal) {}

  private static final Map<String, Token> LITERALS =
      Map.ofEntries(
          Map.entry(")", Token.CLOSED_PAR),
          Map.entry(",", Token.COMMA),
          Map.entry("!", Token.DOES_NOT_EXIST),
          Map.entry("==", Token.DOUBLE_EQUALS),
          Map.entry("=", Token.EQUALS),
          Map.entry(">", Token.GREATER_THAN),
          Map.entry("in", Token.IN),
          Map.entry("<", Token.LESS_THAN),
          Map.entry("!=", Token.NOT_EQUALS),
          Map.entry("notin", Token.NOT_IN),
          Map.entry("(", Token.OPEN_PAR));

  private final String text;
  private int pos;

  private LabelLexer(String text) {
    this.text = text;
  }

  /** All tokens of {@code text}, ending with {@link Token#END_OF_STRING}. */
  static List<Item> scan(String text) {
    LabelLexer lexer = new LabelLexer(text);
    List<Item> items = new ArrayList<>();
    Item item;
    do {
      item = lexer.next();
      items.add(item);
    } while (item.token() != Token.END_OF_STRING);
    return items;
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  static boolean isSpecial(char c) {
    return "=!(),><".indexOf(c) >= 0;
  }

  private Item next() {
    while (pos < text.length() && isWhitespace(text.charAt(pos))) {
      pos++;
    }
    if (pos >= text.length()) {
      return new Item(Token.END_OF_STRING, "");
    }
    return isSpecial(text.charAt(pos)) ? special() : identifierOrKeyword();
  }

  private Item identifierOrKeyword() {
    int start = pos;
    while (pos < text.length() && !isSpecial(text.charAt(pos)) && !isWhitespace(text.charAt(pos))) {
      pos++;
    }
    String word = text.substring(start, pos);
    return new Item(LITERALS.getOrDefault(word, Token.IDENTIFIER), word);
  }

  /** Longest operator made of special symbols, as upstream's scanSpecialSymbol. */
  private Item special() {
    int start = pos;
    Item last = null;
    while (pos < text.length() && isSpecial(text.charAt(pos))) {
      String buffer = text.substring(start, pos + 1);
      Token token = LITERALS.get(buffer);
      if (token != null) {
        last = new Item(token, buffer);
      } else if (last != null) {
        break;
      }
      pos++;
    }
    if (last == null) {
      return new Item(
          Token.ERROR, "error expected: keyword found '" + text.substring(start, pos) + "'");
    }
    pos = start + last.literal().length();
    return last;
  }
}
