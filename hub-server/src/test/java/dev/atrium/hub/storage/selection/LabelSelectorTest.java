package dev.atrium.hub.storage.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.selection.LabelSelector.Operator;
import dev.atrium.hub.storage.selection.LabelSelector.Requirement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAME_REGEX_HINT =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
          + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  private static final String VALUE_REGEX_HINT =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
          + " 'my_value',  or '12345', regex used for validation is"
          + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

  /** Text, canonical form (upstream String() of the parsed selector). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "x=a | x=a",
        "x==a | x=a",
        "x!=a | x!=a",
        "x=a,y=b,z=c | x=a,y=b,z=c",
        "z=c,x=a | x=a,z=c",
        "x in (a) | x in (a)",
        "a in (b, c) | a in (b,c)",
        "x in (c,b,a,b) | x in (a,b,c)",
        "x notin (a) | x notin (a)",
        "x in (,a) | x in (,a)",
        "x in () | x in ()",
        "x in (a,,b) | x in (,a,b)",
        "x in (a,) | x in (,a)",
        "x | x",
        "!x | !x",
        "x, y | x,y",
        "  x = a ,  y  | x=a,y",
        "x= | x=",
        "x=,z= | x=,z=",
        "x= ,z= | x=,z=",
        "x>1 | x>1",
        "x<1 | x<1",
        "x in (in) | x in (in)",
        "in in (notin) | in in (notin)",
        "example.com/a-b_c.d=E_f.G | example.com/a-b_c.d=E_f.G",
        "x in (a),y notin (b),!z,w | w,x in (a),y notin (b),!z",
        "x=a\ty=b | ERROR",
      })
  void parsesToCanonicalForm(String text, String canonical) {
    if (canonical.equals("ERROR")) {
      assertThrows(SelectorException.class, () -> LabelSelector.parse(text));
      return;
    }
    LabelSelector selector = LabelSelector.parse(text);
    assertEquals(canonical, selector.toString());
    assertEquals(selector, LabelSelector.parse(selector.toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void blankSelectsEverything(String text) {
    LabelSelector selector = LabelSelector.parse(text);
    assertTrue(selector.isEmpty());
    assertSame(LabelSelector.EVERYTHING, selector);
    assertTrue(selector.matches(Map.of("a", "b")));
    assertEquals("", selector.toString());
  }

  @Test
  void nullSelectsEverything() {
    assertSame(LabelSelector.EVERYTHING, LabelSelector.parse(null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "x=a, | found '', expected: identifier after ','",
        "x=a,,y=b | found ',', expected: identifier after ','",
        ",x=a | found ',', expected: !, identifier, or 'end of string'",
        "x=a b | found 'b', expected: ',' or 'end of string'",
        "!x=a | found '=', expected: ',' or 'end of string'",
        "x==a==b | found '==', expected: ',' or 'end of string'",
        "x in a | unable to parse requirement: found 'a' expected: '('",
        "x in (a | unable to parse requirement: found '', expected: ',' or ')'",
        "x notin (a b) | unable to parse requirement: found 'b', expected: ',' or ')'",
        "x in (a=b) | unable to parse requirement: found '=', expected: ',' or ')'",
        "x in (= | unable to parse requirement: found '=', expected: ',', ')' or identifier",
        "x a | unable to parse requirement: found 'a', expected: in, notin, =, ==, !=, gt, lt",
        "x=(a) | unable to parse requirement: found '(', expected: identifier",
        "! | unable to parse requirement: found '', expected: identifier",
        "x in (a,=) | unable to parse requirement: found '=', expected: ',', or identifier",
        "= | found '=', expected: !, identifier, or 'end of string'",
        "x>a | unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt'"
            + " operators, the value must be an integer",
      })
  void rejectsWithUpstreamMessages(String text, String message) {
    SelectorException e = assertThrows(SelectorException.class, () -> LabelSelector.parse(text));
    assertEquals(message, e.getMessage());
  }

  @Test
  void invalidKeyMessage() {
    SelectorException e = assertThrows(SelectorException.class, () -> LabelSelector.parse("-x=a"));
    assertEquals(
        "unable to parse requirement: <nil>: Invalid value: \"-x\": name part " + NAME_REGEX_HINT,
        e.getMessage());
  }

  @Test
  void invalidValueMessage() {
    SelectorException e = assertThrows(SelectorException.class, () -> LabelSelector.parse("x=-a"));
    assertEquals(
        "unable to parse requirement: values[0][x]: Invalid value: \"-a\": " + VALUE_REGEX_HINT,
        e.getMessage());
  }

  @Test
  void tooLongValueListsBothProblems() {
    String value = "a".repeat(63) + "-";
    SelectorException e =
        assertThrows(SelectorException.class, () -> LabelSelector.parse("x=" + value));
    assertEquals(
        "unable to parse requirement: values[0][x]: Invalid value: \""
            + value
            + "\": must be no more than 63 characters; "
            + VALUE_REGEX_HINT,
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/a=b",
        "a/=b",
        "a/b/c=d",
        "Example.com/a=b",
        "x_=a",
        "_x",
        "a..b/c",
        "x=a_",
        "x in (a,-b)",
        "x=a||y=b",
      })
  void rejectsInvalidKeysAndValues(String text) {
    SelectorException e = assertThrows(SelectorException.class, () -> LabelSelector.parse(text));
    assertTrue(e.getMessage().startsWith("unable to parse requirement: "), e.getMessage());
  }

  @Test
  void keyLengthLimits() {
    String name63 = "n".repeat(63);
    assertEquals(name63, LabelSelector.parse(name63).toString());
    assertThrows(SelectorException.class, () -> LabelSelector.parse(name63 + "n"));
    String prefix = "p".repeat(63) + "." + "q".repeat(63);
    assertEquals(prefix + "/x", LabelSelector.parse(prefix + "/x").toString());
  }

  @Test
  void prefixErrorMessage() {
    SelectorException e = assertThrows(SelectorException.class, () -> LabelSelector.parse("/a=b"));
    assertEquals(
        "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty",
        e.getMessage());
  }

  /** Selector, labels as k=v;k=v ("-" for none), expected. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "x=a | x=a | true",
        "x=a | x=b | false",
        "x=a | - | false",
        "x==a | x=a | true",
        "x!=a | x=a | false",
        "x!=a | x=b | true",
        "a!=b | - | true",
        "a!=b | c=b | true",
        "a in (b, c) | a=b | true",
        "a in (b, c) | a=c | true",
        "a in (b, c) | a=d | false",
        "a in (b, c) | - | false",
        "a notin (b, c) | a=b | false",
        "a notin (b, c) | a=d | true",
        "a notin (b, c) | - | true",
        "a | a= | true",
        "a | b=a | false",
        "!a | - | true",
        "!a | a=x | false",
        "!a | b=x | true",
        "x= | x= | true",
        "x= | - | false",
        "x in () | x= | true",
        "x=a,y!=b | x=a | true",
        "x=a,y!=b | x=a;y=b | false",
        "x=a,y!=b | x=a;y=c | true",
        "x=a,y!=b | y=c | false",
        "x>1 | x=2 | true",
        "x>1 | x=1 | false",
        "x>1 | x=a | false",
        "x>1 | - | false",
        "x<10 | x=9 | true",
        "x<10 | x=10 | false",
        "x>1 | x=99999999999999999999 | false",
      })
  void matches(String selector, String labels, boolean expected) {
    assertEquals(expected, LabelSelector.parse(selector).matches(labels(labels)));
  }

  @Test
  void matchesNullLabelsAsEmpty() {
    assertTrue(LabelSelector.parse("a!=b").matches(null));
    assertFalse(LabelSelector.parse("a").matches(null));
  }

  @Test
  void requirementsAreSortedByKeyWithSortedValues() {
    List<Requirement> requirements =
        LabelSelector.parse("z notin (q,p),a in (c,b),!m,k").requirements();
    assertEquals(
        List.of(
            new Requirement("a", Operator.IN, List.of("b", "c")),
            new Requirement("k", Operator.EXISTS, List.of()),
            new Requirement("m", Operator.DOES_NOT_EXIST, List.of()),
            new Requirement("z", Operator.NOT_IN, List.of("p", "q"))),
        requirements);
  }

  @Test
  void requirementsAreImmutable() {
    List<Requirement> requirements = LabelSelector.parse("a=b").requirements();
    assertThrows(UnsupportedOperationException.class, () -> requirements.add(null));
    assertThrows(UnsupportedOperationException.class, () -> requirements.get(0).values().add("x"));
  }

  @Test
  void requirementFactoryValidates() {
    SelectorException e =
        assertThrows(
            SelectorException.class, () -> Requirement.of("a", Operator.EQUALS, List.of()));
    assertEquals(
        "values: Invalid value: []string{}: exact-match compatibility requires one single value",
        e.getMessage());
  }

  @Test
  void fromJsonCombinesMatchLabelsAndExpressions() throws Exception {
    LabelSelector selector =
        LabelSelector.fromLabelSelectorJson(
            JSON.readTree(
                """
                {"matchLabels": {"app": "web"},
                 "matchExpressions": [
                   {"key": "tier", "operator": "NotIn", "values": ["cache", "batch"]},
                   {"key": "env", "operator": "In", "values": ["prod"]},
                   {"key": "canary", "operator": "DoesNotExist"},
                   {"key": "team", "operator": "Exists", "values": []}
                 ]}
                """));
    assertEquals(
        "app=web,!canary,env in (prod),team,tier notin (batch,cache)", selector.toString());
    assertTrue(selector.matches(Map.of("app", "web", "env", "prod", "team", "a")));
    assertFalse(selector.matches(Map.of("app", "web", "env", "prod", "team", "a", "canary", "")));
  }

  @Test
  void fromJsonNullSelectsNothingAndEmptySelectsEverything() throws Exception {
    assertSame(LabelSelector.NOTHING, LabelSelector.fromLabelSelectorJson(null));
    assertSame(LabelSelector.NOTHING, LabelSelector.fromLabelSelectorJson(JSON.readTree("null")));
    assertFalse(LabelSelector.NOTHING.matches(Map.of()));
    assertFalse(LabelSelector.NOTHING.isEmpty());
    assertTrue(LabelSelector.NOTHING.matchesNothing());
    assertSame(LabelSelector.EVERYTHING, LabelSelector.fromLabelSelectorJson(JSON.readTree("{}")));
    assertSame(
        LabelSelector.EVERYTHING,
        LabelSelector.fromLabelSelectorJson(
            JSON.readTree("{\"matchLabels\":{},\"matchExpressions\":[]}")));
  }

  @Test
  void fromJsonRejectsUnknownOperator() throws Exception {
    SelectorException e =
        assertThrows(
            SelectorException.class,
            () ->
                LabelSelector.fromLabelSelectorJson(
                    JSON.readTree(
                        "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Gt\","
                            + "\"values\":[\"1\"]}]}")));
    assertEquals("\"Gt\" is not a valid label selector operator", e.getMessage());
  }

  @Test
  void fromJsonRejectsEmptyInValues() throws Exception {
    SelectorException e =
        assertThrows(
            SelectorException.class,
            () ->
                LabelSelector.fromLabelSelectorJson(
                    JSON.readTree("{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"In\"}]}")));
    assertEquals(
        "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
        e.getMessage());
  }

  @Test
  void fromJsonRejectsInvalidKeyAndValue() throws Exception {
    SelectorException e =
        assertThrows(
            SelectorException.class,
            () ->
                LabelSelector.fromLabelSelectorJson(
                    JSON.readTree("{\"matchLabels\":{\"-a\":\"b_\"}}")));
    assertEquals(
        "[key: Invalid value: \"-a\": name part "
            + NAME_REGEX_HINT
            + ", values[0][-a]: Invalid value: \"b_\": "
            + VALUE_REGEX_HINT
            + "]",
        e.getMessage());
  }

  @Test
  void labelsOfReadsMetadataLabels() throws Exception {
    ObjectNode object =
        (ObjectNode) JSON.readTree("{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"\"}}}");
    assertEquals(Map.of("a", "1", "b", ""), LabelSelector.labelsOf(object));
    assertEquals(Map.of(), LabelSelector.labelsOf((ObjectNode) JSON.readTree("{}")));
    assertEquals(
        Map.of(),
        LabelSelector.labelsOf((ObjectNode) JSON.readTree("{\"metadata\":{\"labels\":null}}")));
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new HashMap<>();
    if (!text.equals("-")) {
      for (String pair : text.split(";")) {
        String[] kv = pair.split("=", -1);
        labels.put(kv[0], kv[1]);
      }
    }
    return labels;
  }
}
