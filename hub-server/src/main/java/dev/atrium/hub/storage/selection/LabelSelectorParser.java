package dev.atrium.hub.storage.selection;

import dev.atrium.hub.storage.selection.LabelLexer.Item;
import dev.atrium.hub.storage.selection.LabelLexer.Token;
import dev.atrium.hub.storage.selection.LabelSelector.Operator;
import dev.atrium.hub.storage.selection.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Recursive-descent parser with the grammar, token contexts and error messages of apimachinery's
 * {@code labels.Parse}.
 */
final class LabelSelectorParser {

  private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

  private final List<Item> items;
  private int position;

  private LabelSelectorParser(String text) {
    this.items = LabelLexer.scan(text);
  }

  /** The requirements of {@code text} in source order (the caller sorts them). */
  static List<Requirement> parse(String text) {
    return new LabelSelectorParser(text).requirements();
  }

  private List<Requirement> requirements() {
    List<Requirement> requirements = new ArrayList<>();
    while (true) {
      Item next = lookahead(true);
      if (next.token() == Token.END_OF_STRING) {
        return requirements;
      }
      if (!startsRequirement(next.token())) {
        throw error("found '%s', expected: !, identifier, or 'end of string'", next.literal());
      }
      requirements.add(requirementInContext());
      if (!separator()) {
        return requirements;
      }
    }
  }

  /** Consumes the token after a requirement; false at the end of the string. */
  private boolean separator() {
    Item item = consume(true);
    if (item.token() == Token.END_OF_STRING) {
      return false;
    }
    if (item.token() != Token.COMMA) {
      throw error("found '%s', expected: ',' or 'end of string'", item.literal());
    }
    Item next = lookahead(true);
    if (!startsRequirement(next.token())) {
      throw error("found '%s', expected: identifier after ','", next.literal());
    }
    return true;
  }

  private static boolean startsRequirement(Token token) {
    return token == Token.IDENTIFIER || token == Token.DOES_NOT_EXIST;
  }

  private Requirement requirementInContext() {
    try {
      return requirement();
    } catch (SelectorException e) {
      throw error("unable to parse requirement: %s", e.getMessage());
    }
  }

  private Requirement requirement() {
    boolean negated = lookahead(true).token() == Token.DOES_NOT_EXIST;
    if (negated) {
      consume(true);
    }
    String key = key();
    Token after = lookahead(true).token();
    if (negated || after == Token.END_OF_STRING || after == Token.COMMA) {
      Operator unary = negated ? Operator.DOES_NOT_EXIST : Operator.EXISTS;
      return Requirement.of(key, unary, List.of());
    }
    Operator operator = operator();
    List<String> values =
        operator == Operator.IN || operator == Operator.NOT_IN ? setValues() : exactValue();
    return Requirement.of(key, operator, values);
  }

  private String key() {
    Item item = consume(true);
    if (item.token() != Token.IDENTIFIER) {
      throw error("found '%s', expected: identifier", item.literal());
    }
    List<String> problems = LabelValidation.keyErrors(item.literal());
    if (!problems.isEmpty()) {
      throw new SelectorException(
          LabelValidation.invalid("<nil>", item.literal(), String.join("; ", problems)));
    }
    return item.literal();
  }

  private Operator operator() {
    Item item = consume(false);
    return switch (item.token()) {
      case IN -> Operator.IN;
      case NOT_IN -> Operator.NOT_IN;
      case EQUALS, DOUBLE_EQUALS -> Operator.EQUALS;
      case NOT_EQUALS -> Operator.NOT_EQUALS;
      case GREATER_THAN -> Operator.GREATER_THAN;
      case LESS_THAN -> Operator.LESS_THAN;
      default -> throw error("found '%s', expected: %s", item.literal(), BINARY_OPERATORS);
    };
  }

  private List<String> exactValue() {
    Token next = lookahead(true).token();
    if (next == Token.END_OF_STRING || next == Token.COMMA) {
      return List.of("");
    }
    Item item = consume(true);
    if (item.token() != Token.IDENTIFIER) {
      throw error("found '%s', expected: identifier", item.literal());
    }
    return List.of(item.literal());
  }

  private List<String> setValues() {
    Item open = consume(true);
    if (open.token() != Token.OPEN_PAR) {
      throw error("found '%s' expected: '('", open.literal());
    }
    Item first = lookahead(true);
    switch (first.token()) {
      case IDENTIFIER, COMMA -> {
        List<String> values = identifierList();
        if (consume(true).token() != Token.CLOSED_PAR) {
          throw error("found '%s', expected: ')'", first.literal());
        }
        return values;
      }
      case CLOSED_PAR -> {
        consume(true);
        return List.of("");
      }
      default -> throw error("found '%s', expected: ',', ')' or identifier", first.literal());
    }
  }

  /** A possibly empty list of possibly empty identifiers, as upstream's parseIdentifiersList. */
  private List<String> identifierList() {
    TreeSet<String> values = new TreeSet<>();
    while (true) {
      Item item = consume(true);
      if (item.token() == Token.IDENTIFIER) {
        values.add(item.literal());
        Item next = lookahead(true);
        if (next.token() == Token.CLOSED_PAR) {
          return List.copyOf(values);
        }
        if (next.token() != Token.COMMA) {
          throw error("found '%s', expected: ',' or ')'", next.literal());
        }
      } else if (item.token() == Token.COMMA) {
        if (emptyValueAfterComma(values)) {
          return List.copyOf(values);
        }
      } else {
        throw error("found '%s', expected: ',', or identifier", item.literal());
      }
    }
  }

  /** Records the empty values implied by "(,", ",)" and ",,"; true when ")" follows. */
  private boolean emptyValueAfterComma(TreeSet<String> values) {
    if (values.isEmpty()) {
      values.add("");
    }
    Token next = lookahead(true).token();
    if (next == Token.CLOSED_PAR || next == Token.COMMA) {
      values.add("");
    }
    return next == Token.CLOSED_PAR;
  }

  /** In the values context the keywords "in" and "notin" are plain identifiers. */
  private Item lookahead(boolean valuesContext) {
    return inContext(items.get(position), valuesContext);
  }

  private Item consume(boolean valuesContext) {
    Item item = lookahead(valuesContext);
    if (position < items.size() - 1) {
      position++;
    }
    return item;
  }

  private static Item inContext(Item item, boolean valuesContext) {
    boolean keyword = item.token() == Token.IN || item.token() == Token.NOT_IN;
    return valuesContext && keyword ? new Item(Token.IDENTIFIER, item.literal()) : item;
  }

  private static SelectorException error(String format, String... args) {
    return new SelectorException(String.format(format, (Object[]) args));
  }
}
