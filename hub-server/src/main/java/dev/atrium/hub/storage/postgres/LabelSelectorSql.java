package dev.atrium.hub.storage.postgres;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.hub.storage.selection.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a {@link LabelSelector} into a PostgreSQL condition over a jsonb column holding {@code
 * metadata.labels} (which may be NULL), with positional parameters for the Vert.x PG client.
 *
 * <p>Equality uses {@code @>} containment so a GIN index on the column applies. {@code !=} and
 * {@code notin} also match rows without the key, as in Kubernetes. The column expression is
 * inserted verbatim: pass a trusted identifier, never user input.
 */
public final class LabelSelectorSql {

  /** A condition and its parameters, numbered from the requested first index. */
  public record Fragment(String sql, List<Object> params) {
    public Fragment {
      params = List.copyOf(params);
    }
  }

  private static final String INT64_PATTERN = "'^[0-9]{1,19}$'";
  private static final String INT64_MAX = "9223372036854775807";

  private final String column;
  private final List<Object> params = new ArrayList<>();
  private final int firstParamIndex;

  private LabelSelectorSql(String column, int firstParamIndex) {
    this.column = column;
    this.firstParamIndex = firstParamIndex;
  }

  /**
   * The condition for {@code selector}: {@code TRUE} when it is empty, {@code FALSE} for {@link
   * LabelSelector#NOTHING}, otherwise the AND of one clause per requirement.
   */
  public static Fragment of(LabelSelector selector, String labelsColumn, int firstParamIndex) {
    if (selector.matchesNothing()) {
      return new Fragment("FALSE", List.of());
    }
    if (selector.isEmpty()) {
      return new Fragment("TRUE", List.of());
    }
    LabelSelectorSql builder = new LabelSelectorSql(labelsColumn, firstParamIndex);
    List<String> clauses = selector.requirements().stream().map(builder::clause).toList();
    String sql = clauses.size() == 1 ? clauses.get(0) : "(" + String.join(" AND ", clauses) + ")";
    return new Fragment(sql, builder.params);
  }

  private String clause(Requirement requirement) {
    return switch (requirement.operator()) {
      case EQUALS -> contains(requirement);
      case NOT_EQUALS -> "NOT coalesce(" + contains(requirement) + ", false)";
      case IN -> value(requirement) + " = ANY(" + bind(valueArray(requirement)) + "::text[])";
      case NOT_IN ->
          "coalesce("
              + value(requirement)
              + " <> ALL("
              + bind(valueArray(requirement))
              + "::text[]), true)";
      case EXISTS -> hasKey(requirement);
      case DOES_NOT_EXIST -> "NOT coalesce(" + hasKey(requirement) + ", false)";
      case GREATER_THAN -> compare(requirement, ">");
      case LESS_THAN -> compare(requirement, "<");
    };
  }

  /** {@code col @> '{"k":"v"}'}; the parameter is JSON text, cast so it is sent as text. */
  private String contains(Requirement requirement) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put(requirement.key(), requirement.values().get(0));
    return column + " @> " + bind(json.toString()) + "::text::jsonb";
  }

  private String hasKey(Requirement requirement) {
    return column + " ? " + bind(requirement.key()) + "::text";
  }

  private String value(Requirement requirement) {
    return column + "->>" + bind(requirement.key()) + "::text";
  }

  /**
   * Upstream compares only labels that parse as int64; the regex guards the cast (CASE fixes the
   * evaluation order).
   */
  private String compare(Requirement requirement, String operator) {
    String value = "(" + value(requirement) + ")";
    String bound = bind(Long.parseLong(requirement.values().get(0))) + "::bigint";
    return "coalesce(CASE WHEN "
        + value
        + " ~ "
        + INT64_PATTERN
        + " THEN "
        + (value + "::numeric <= " + INT64_MAX)
        + " AND "
        + (value + "::numeric " + operator + " " + bound)
        + " ELSE false END, false)";
  }

  private String[] valueArray(Requirement requirement) {
    return requirement.values().toArray(String[]::new);
  }

  private String bind(Object param) {
    params.add(param);
    return "$" + (firstParamIndex + params.size() - 1);
  }
}
