package dev.atrium.hub.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atrium.hub.storage.postgres.LabelSelectorSql.Fragment;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.hub.storage.selection.LabelSelector.Operator;
import dev.atrium.hub.storage.selection.LabelSelector.Requirement;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelSelectorSqlTest {

  private static Fragment sql(String selector, int first) {
    return LabelSelectorSql.of(LabelSelector.parse(selector), "labels", first);
  }

  @Test
  void emptySelectorIsTrue() {
    assertEquals(new Fragment("TRUE", List.of()), sql("", 1));
  }

  @Test
  void nothingIsFalse() {
    assertEquals(
        new Fragment("FALSE", List.of()), LabelSelectorSql.of(LabelSelector.NOTHING, "labels", 1));
  }

  @Test
  void equalsUsesContainment() {
    assertEquals(
        new Fragment("labels @> $3::text::jsonb", List.of("{\"app\":\"web\"}")), sql("app=web", 3));
  }

  @Test
  void equalsEscapesJson() {
    Requirement unvalidated = new Requirement("a\"b", Operator.EQUALS, List.of("c\\"));
    Fragment fragment = LabelSelectorSql.of(LabelSelector.of(List.of(unvalidated)), "labels", 1);
    assertEquals("labels @> $1::text::jsonb", fragment.sql());
    assertEquals(List.of("{\"a\\\"b\":\"c\\\\\"}"), fragment.params());
  }

  @Test
  void notEqualsMatchesRowsWithoutTheKeyOrLabels() {
    assertEquals(
        new Fragment("NOT coalesce(labels @> $1::text::jsonb, false)", List.of("{\"a\":\"b\"}")),
        sql("a!=b", 1));
  }

  @Test
  void inUsesAnyOverATextArray() {
    Fragment fragment = sql("a in (c, b)", 2);
    assertEquals("labels->>$2::text = ANY($3::text[])", fragment.sql());
    assertEquals("a", fragment.params().get(0));
    assertArrayEquals(new String[] {"b", "c"}, (String[]) fragment.params().get(1));
  }

  @Test
  void notInIsTrueWhenTheKeyIsMissing() {
    Fragment fragment = sql("a notin (b)", 1);
    assertEquals("coalesce(labels->>$1::text <> ALL($2::text[]), true)", fragment.sql());
    assertEquals("a", fragment.params().get(0));
    assertArrayEquals(new String[] {"b"}, (String[]) fragment.params().get(1));
  }

  @Test
  void existenceUsesTheKeyOperator() {
    assertEquals(new Fragment("labels ? $1::text", List.of("a")), sql("a", 1));
    assertEquals(
        new Fragment("NOT coalesce(labels ? $1::text, false)", List.of("a")), sql("!a", 1));
  }

  @Test
  void greaterThanGuardsTheCast() {
    Fragment fragment = sql("a>5", 1);
    assertEquals(
        "coalesce(CASE WHEN (labels->>$1::text) ~ '^[0-9]{1,19}$' THEN"
            + " (labels->>$1::text)::numeric <= 9223372036854775807 AND"
            + " (labels->>$1::text)::numeric > $2::bigint ELSE false END, false)",
        fragment.sql());
    assertEquals(List.of("a", 5L), fragment.params());
  }

  @Test
  void requirementsAreAndedInKeyOrderWithConsecutiveParameters() {
    Fragment fragment = sql("y!=b,x=a,!z", 4);
    assertEquals(
        "(labels @> $4::text::jsonb AND NOT coalesce(labels @> $5::text::jsonb, false)"
            + " AND NOT coalesce(labels ? $6::text, false))",
        fragment.sql());
    assertEquals(List.of("{\"x\":\"a\"}", "{\"y\":\"b\"}", "z"), fragment.params());
  }
}
