package dev.atrium.hub.storage.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable Kubernetes field selector: an AND of {@code field=value} / {@code field!=value}
 * terms, parsed as apimachinery's {@code fields.ParseSelector} does (terms sorted, {@code \}
 * escapes in values).
 */
public final class FieldSelector {

  /** Matches every object. */
  public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  public enum Operator {
    EQUALS,
    NOT_EQUALS
  }

  /** One term. A field missing from an object's field set counts as the empty string. */
  public record Requirement(String field, Operator operator, String value) {

    public Requirement {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(value, "value");
    }

    public boolean matches(Map<String, String> fields) {
      boolean equal = value.equals(fields.getOrDefault(field, ""));
      return operator == Operator.EQUALS ? equal : !equal;
    }

    /** The canonical form with the value escaped, e.g. {@code metadata.name=a\,b}. */
    @Override
    public String toString() {
      String op = operator == Operator.EQUALS ? "=" : "!=";
      return field + op + FieldSelectorSyntax.escape(value);
    }
  }

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  public static FieldSelector of(List<Requirement> requirements) {
    return requirements.isEmpty() ? EVERYTHING : new FieldSelector(List.copyOf(requirements));
  }

  /**
   * Parses the {@code fieldSelector} query parameter. Null or empty text selects everything.
   *
   * @throws SelectorException with the upstream message when the text is invalid
   */
  public static FieldSelector parse(String text) {
    if (text == null || text.isEmpty()) {
      return EVERYTHING;
    }
    List<String> terms = FieldSelectorSyntax.splitTerms(text);
    terms.sort(null);
    List<Requirement> requirements = new ArrayList<>();
    for (String term : terms) {
      if (!term.isEmpty()) {
        requirements.add(requirement(text, term));
      }
    }
    return of(requirements);
  }

  private static Requirement requirement(String text, String term) {
    FieldSelectorSyntax.Term parts = FieldSelectorSyntax.splitTerm(term);
    if (parts == null) {
      throw new SelectorException(
          "invalid selector: '" + text + "'; can't understand '" + term + "'");
    }
    String value = FieldSelectorSyntax.unescape(parts.rawValue());
    Operator operator = parts.operator().equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS;
    return new Requirement(parts.field(), operator, value);
  }

  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  public boolean matches(Map<String, String> fields) {
    Map<String, String> present = fields == null ? Map.of() : fields;
    return requirements.stream().allMatch(r -> r.matches(present));
  }

  /** The terms, in parse order (sorted by their text). */
  public List<Requirement> requirements() {
    return requirements;
  }

  /**
   * The value this selector requires {@code field} to equal, if it has such a term (upstream's
   * RequiresExactMatch); handy to push {@code metadata.name} / {@code metadata.namespace} down.
   */
  public Optional<String> exactValue(String field) {
    return requirements.stream()
        .filter(r -> r.field().equals(field) && r.operator() == Operator.EQUALS)
        .map(Requirement::value)
        .findFirst();
  }

  /**
   * Rejects fields the resource cannot be selected by, checking terms in order as the apiserver
   * does.
   *
   * @param supportedFields the field labels of the resource (see {@link FieldSets})
   * @param resourceDescription what is being listed, e.g. {@code pods}; not part of the message,
   *     which is upstream's {@code field label not supported: <field>}
   * @throws SelectorException for the first unsupported field
   */
  public void validate(Set<String> supportedFields, String resourceDescription) {
    for (Requirement requirement : requirements) {
      if (!supportedFields.contains(requirement.field())) {
        throw new SelectorException("field label not supported: " + requirement.field());
      }
    }
  }

  /** The canonical text form; empty for everything. */
  @Override
  public String toString() {
    return String.join(",", requirements.stream().map(Requirement::toString).toList());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldSelector that && requirements.equals(that.requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode();
  }
}
