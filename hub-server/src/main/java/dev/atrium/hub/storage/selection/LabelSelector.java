package dev.atrium.hub.storage.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An immutable Kubernetes label selector: an AND of requirements, with the syntax, matching rules
 * and canonical text form of apimachinery's {@code labels} package.
 */
public final class LabelSelector {

  /** Matches every object (the empty selector). */
  public static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);

  /**
   * Matches no object: what a null {@code metav1.LabelSelector} means. Its text form is empty, as
   * upstream's {@code labels.Nothing()}.
   */
  public static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

  /** A selector operator. {@code ==} parses as {@link #EQUALS}. */
  public enum Operator {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST,
    /** {@code key>N}: the label exists and is an integer greater than N. */
    GREATER_THAN,
    /** {@code key<N}: the label exists and is an integer less than N. */
    LESS_THAN
  }

  /**
   * One condition on one label key. Values are sorted and free of duplicates when built by {@link
   * #of}, {@link #parse} or {@link #fromLabelSelectorJson}.
   */
  public record Requirement(String key, Operator operator, List<String> values) {

    public Requirement {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(operator, "operator");
      values = List.copyOf(values);
    }

    /** A validated requirement, as upstream's {@code NewRequirement}. */
    public static Requirement of(String key, Operator operator, List<String> values) {
      RequirementValidation.check(key, operator, values);
      return new Requirement(key, operator, List.copyOf(new TreeSet<>(values)));
    }

    public boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case EQUALS, IN -> value != null && values.contains(value);
        case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case DOES_NOT_EXIST -> value == null;
        case GREATER_THAN, LESS_THAN -> value != null && compares(value);
      };
    }

    private boolean compares(String value) {
      if (values.size() != 1
          || !RequirementValidation.isInt64(value)
          || !RequirementValidation.isInt64(values.get(0))) {
        return false;
      }
      int comparison = Long.compare(Long.parseLong(value), Long.parseLong(values.get(0)));
      return operator == Operator.GREATER_THAN ? comparison > 0 : comparison < 0;
    }

    /** The canonical text form, e.g. {@code env in (a,b)} or {@code !tier}. */
    @Override
    public String toString() {
      String joined = String.join(",", new TreeSet<>(values));
      return switch (operator) {
        case EQUALS -> key + "=" + joined;
        case NOT_EQUALS -> key + "!=" + joined;
        case IN -> key + " in (" + joined + ")";
        case NOT_IN -> key + " notin (" + joined + ")";
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
        case GREATER_THAN -> key + ">" + joined;
        case LESS_THAN -> key + "<" + joined;
      };
    }
  }

  private final List<Requirement> requirements;
  private final boolean nothing;

  private LabelSelector(List<Requirement> requirements, boolean nothing) {
    this.requirements = requirements;
    this.nothing = nothing;
  }

  /** A selector from requirements (sorted by key, stably, as upstream). */
  public static LabelSelector of(List<Requirement> requirements) {
    if (requirements.isEmpty()) {
      return EVERYTHING;
    }
    List<Requirement> sorted = new ArrayList<>(requirements);
    sorted.sort(Comparator.comparing(Requirement::key));
    return new LabelSelector(List.copyOf(sorted), false);
  }

  /**
   * Parses the text form ({@code labelSelector} query parameter) as {@code labels.Parse} does.
   * Null, empty and blank text select everything.
   *
   * @throws SelectorException with the upstream message when the text is invalid
   */
  public static LabelSelector parse(String text) {
    if (text == null) {
      return EVERYTHING;
    }
    return of(LabelSelectorParser.parse(text));
  }

  /**
   * Converts a {@code metav1.LabelSelector} ({@code matchLabels}, {@code matchExpressions}) as
   * {@code metav1.LabelSelectorAsSelector} does: null or missing selects nothing, an empty object
   * selects everything.
   *
   * @throws SelectorException for unknown operators and invalid keys or values
   */
  public static LabelSelector fromLabelSelectorJson(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return NOTHING;
    }
    if (!node.isObject()) {
      throw new SelectorException("label selector must be an object");
    }
    List<Requirement> requirements = new ArrayList<>();
    node.path("matchLabels")
        .properties()
        .forEach(
            e ->
                requirements.add(
                    Requirement.of(e.getKey(), Operator.EQUALS, List.of(e.getValue().asText()))));
    node.path("matchExpressions").forEach(e -> requirements.add(expression(e)));
    return of(requirements);
  }

  private static Requirement expression(JsonNode expression) {
    String operator = expression.path("operator").asText();
    List<String> values = new ArrayList<>();
    expression.path("values").forEach(v -> values.add(v.asText()));
    return Requirement.of(expression.path("key").asText(), operatorNamed(operator), values);
  }

  private static Operator operatorNamed(String name) {
    return switch (name) {
      case "In" -> Operator.IN;
      case "NotIn" -> Operator.NOT_IN;
      case "Exists" -> Operator.EXISTS;
      case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
      default ->
          throw new SelectorException(
              LabelValidation.goQuote(name) + " is not a valid label selector operator");
    };
  }

  /** The labels of an object ({@code metadata.labels}); empty when absent. */
  public static Map<String, String> labelsOf(ObjectNode object) {
    JsonNode labels = object == null ? null : object.path("metadata").path("labels");
    if (labels == null || !labels.isObject()) {
      return Map.of();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : labels.properties()) {
      result.put(field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText());
    }
    return result;
  }

  /** True when the selector does not restrict anything. {@link #NOTHING} is not empty. */
  public boolean isEmpty() {
    return requirements.isEmpty() && !nothing;
  }

  /** True for {@link #NOTHING}. */
  public boolean matchesNothing() {
    return nothing;
  }

  public boolean matches(Map<String, String> labels) {
    if (nothing) {
      return false;
    }
    Map<String, String> present = labels == null ? Map.of() : labels;
    return requirements.stream().allMatch(r -> r.matches(present));
  }

  /** The requirements, sorted by key. */
  public List<Requirement> requirements() {
    return requirements;
  }

  /** The canonical text form, e.g. {@code app=web,tier notin (cache)}; empty for everything. */
  @Override
  public String toString() {
    return String.join(",", requirements.stream().map(Requirement::toString).toList());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelSelector that
        && nothing == that.nothing
        && requirements.equals(that.requirements);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requirements, nothing);
  }
}
