package dev.atrium.hub.registry.patch;

import static dev.atrium.hub.registry.patch.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonMergePatchTest {

  /** The examples of RFC 7386, appendix A. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'a':'b'}           | {'a':'c'}              | {'a':'c'}",
        "{'a':'b'}           | {'b':'c'}              | {'a':'b','b':'c'}",
        "{'a':'b'}           | {'a':null}             | {}",
        "{'a':'b','b':'c'}   | {'a':null}             | {'b':'c'}",
        "{'a':['b']}         | {'a':'c'}              | {'a':'c'}",
        "{'a':'c'}           | {'a':['b']}            | {'a':['b']}",
        "{'a':{'b':'c'}}     | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
        "{'a':[{'b':'c'}]}   | {'a':[1]}              | {'a':[1]}",
        "['a','b']           | ['c','d']              | ['c','d']",
        "{'a':'b'}           | ['c']                  | ['c']",
        "{'a':'foo'}         | null                   | null",
        "{'a':'foo'}         | 'bar'                  | 'bar'",
        "{'e':null}          | {'a':1}                | {'e':null,'a':1}",
        "[1,2]               | {'a':'b','c':null}     | {'a':'b'}",
        "{}                  | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}",
      })
  void rfcExamples(String target, String patch, String expected) {
    assertEquals(json(expected), JsonMergePatch.apply(json(target), json(patch)));
  }

  @Test
  void mergesNestedMapsAndDeletesLabels() {
    JsonNode target =
        json(
            "{'metadata':{'name':'x','labels':{'app':'web','tier':'front'}},'spec':{'replicas':1}}");
    JsonNode patch =
        json("{'metadata':{'labels':{'tier':null,'env':'prod'}},'spec':{'replicas':3}}");
    assertEquals(
        json("{'metadata':{'name':'x','labels':{'app':'web','env':'prod'}},'spec':{'replicas':3}}"),
        JsonMergePatch.apply(target, patch));
  }

  @Test
  void doesNotChangeItsInputs() {
    JsonNode target = json("{'a':{'b':1}}");
    JsonNode patch = json("{'a':{'c':2}}");
    JsonMergePatch.apply(target, patch);
    assertEquals(json("{'a':{'b':1}}"), target);
    assertEquals(json("{'a':{'c':2}}"), patch);
  }

  @Test
  void nullTargetIsEmpty() {
    assertEquals(json("{'a':1}"), JsonMergePatch.apply(null, json("{'a':1,'b':null}")));
  }
}
