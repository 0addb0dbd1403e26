package dev.atrium.hub.storage.selection;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.hub.storage.selection.FieldSelector.Operator;
import dev.atrium.hub.storage.selection.FieldSelector.Requirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

  /** Text, canonical form. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "a=b | a=b",
        "a==b | a=b",
        "a!=b | a!=b",
        "b=c,a=b | a=b,b=c",
        "a=b,,c=d | a=b,c=d",
        "a=b, | a=b",
        ",a=b | a=b",
        "a= | a=",
        "a=b\\,c | a=b\\,c",
        "a=b\\=c | a=b\\=c",
        "a=b\\\\c | a=b\\\\c",
        "a=!b | a=!b",
        "a!==b | ERROR",
        "a=b=c | ERROR",
        "a=b,c | ERROR",
        "metadata.name | ERROR",
      })
  void parsesToCanonicalForm(String text, String canonical) {
    if (canonical.equals("ERROR")) {
      assertThrows(SelectorException.class, () -> FieldSelector.parse(text));
      return;
    }
    FieldSelector selector = FieldSelector.parse(text);
    assertEquals(canonical, selector.toString());
    assertEquals(selector, FieldSelector.parse(selector.toString()));
  }

  @Test
  void emptySelectsEverything() {
    assertSame(FieldSelector.EVERYTHING, FieldSelector.parse(""));
    assertSame(FieldSelector.EVERYTHING, FieldSelector.parse(null));
    assertSame(FieldSelector.EVERYTHING, FieldSelector.parse(","));
    assertTrue(FieldSelector.EVERYTHING.isEmpty());
    assertTrue(FieldSelector.EVERYTHING.matches(Map.of()));
  }

  @Test
  void unescapesValues() {
    FieldSelector selector = FieldSelector.parse("a=x\\,y\\=z\\\\w,b!=");
    assertEquals(
        List.of(
            new Requirement("a", Operator.EQUALS, "x,y=z\\w"),
            new Requirement("b", Operator.NOT_EQUALS, "")),
        selector.requirements());
  }

  @Test
  void fieldNamesKeepWhitespace() {
    assertEquals(
        List.of(new Requirement("status.phase ", Operator.EQUALS, " Running")),
        FieldSelector.parse("status.phase = Running").requirements());
  }

  @Test
  void operatorIsTheFirstOneFound() {
    assertEquals(
        List.of(new Requirement("a", Operator.NOT_EQUALS, "b")),
        FieldSelector.parse("a!=b").requirements());
    assertEquals(
        List.of(new Requirement("a", Operator.EQUALS, "b")),
        FieldSelector.parse("a==b").requirements());
    assertEquals(
        List.of(new Requirement("a", Operator.EQUALS, "!b")),
        FieldSelector.parse("a=!b").requirements());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "a=b=c | invalid field selector: unescaped character in value: 61",
        "a==b=c | invalid field selector: unescaped character in value: 61",
        "a=b\\x | invalid field selector: invalid escape sequence: \\x",
        "a=b\\ | invalid field selector: invalid escape sequence: \\",
        "x=a,foo | invalid selector: 'x=a,foo'; can't understand 'foo'",
        "a!==b | invalid field selector: unescaped character in value: 61",
      })
  void rejectsWithUpstreamMessages(String text, String message) {
    SelectorException e = assertThrows(SelectorException.class, () -> FieldSelector.parse(text));
    assertEquals(message, e.getMessage());
  }

  /** Selector, fields as k=v;k=v ("-" for none), expected. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "metadata.name=a | metadata.name=a | true",
        "metadata.name=a | metadata.name=b | false",
        "metadata.name!=a | metadata.name=b | true",
        "metadata.name!=a | - | true",
        "spec.nodeName= | - | true",
        "spec.nodeName= | spec.nodeName=n1 | false",
        "a=1,b!=2 | a=1;b=3 | true",
        "a=1,b!=2 | a=1;b=2 | false",
      })
  void matches(String selector, String fields, boolean expected) {
    Map<String, String> set =
        fields.equals("-")
            ? Map.of()
            : java.util.Arrays.stream(fields.split(";"))
                .map(p -> p.split("=", -1))
                .collect(java.util.stream.Collectors.toMap(p -> p[0], p -> p[1]));
    assertEquals(expected, FieldSelector.parse(selector).matches(set));
  }

  @Test
  void validateRejectsTheFirstUnsupportedFieldInOrder() {
    FieldSelector selector = FieldSelector.parse("zeta=1,metadata.name=a,alpha=2");
    SelectorException e =
        assertThrows(
            SelectorException.class,
            () -> selector.validate(Set.of("metadata.name", "metadata.namespace"), "pods"));
    assertEquals("field label not supported: alpha", e.getMessage());
    assertDoesNotThrow(
        () -> FieldSelector.parse("metadata.name=a").validate(Set.of("metadata.name"), "x"));
  }

  @Test
  void exactValue() {
    FieldSelector selector = FieldSelector.parse("metadata.name=a,metadata.namespace!=b");
    assertEquals(Optional.of("a"), selector.exactValue("metadata.name"));
    assertEquals(Optional.empty(), selector.exactValue("metadata.namespace"));
    assertFalse(selector.isEmpty());
  }
}
