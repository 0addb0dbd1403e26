package dev.atrium.hub.registry.patch;

import static dev.atrium.hub.registry.patch.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonPatchTest {

  private static JsonNode apply(String target, String patch) {
    return JsonPatch.apply(json(target), json(patch));
  }

  private static String failure(String target, String patch) {
    return assertThrows(PatchException.class, () -> apply(target, patch)).getMessage();
  }

  @Test
  void addsObjectMember() {
    assertEquals(
        json("{'baz':'qux','foo':'bar'}"),
        apply("{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux'}]"));
  }

  @Test
  void addsArrayElementsAndAppendsWithDash() {
    assertEquals(
        json("{'foo':['bar','qux','baz','end']}"),
        apply(
            "{'foo':['bar','baz']}",
            "[{'op':'add','path':'/foo/1','value':'qux'},{'op':'add','path':'/foo/-','value':'end'}]"));
  }

  @Test
  void removesAndReplaces() {
    assertEquals(
        json("{'baz':'boo','foo':['bar']}"),
        apply(
            "{'baz':'qux','foo':['bar','qux'],'gone':1}",
            "[{'op':'remove','path':'/gone'},{'op':'remove','path':'/foo/1'},"
                + "{'op':'replace','path':'/baz','value':'boo'}]"));
  }

  @Test
  void movesAndCopies() {
    assertEquals(
        json("{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}"),
        apply(
            "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
            "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]"));
    assertEquals(
        json("{'foo':['all','cows','eat','grass']}"),
        apply(
            "{'foo':['all','grass','cows','eat']}",
            "[{'op':'move','from':'/foo/1','path':'/foo/3'}]"));
    assertEquals(
        json("{'a':{'b':[1]},'c':{'b':[1]}}"),
        apply("{'a':{'b':[1]}}", "[{'op':'copy','from':'/a','path':'/c'}]"));
  }

  @Test
  void escapesInPointers() {
    assertEquals(
        json("{'metadata':{'annotations':{'a/b':'1','c~d':'2','example.com/x':'y'}}}"),
        apply(
            "{'metadata':{'annotations':{'a/b':'1','c~d':'2'}}}",
            "[{'op':'test','path':'/metadata/annotations/a~1b','value':'1'},"
                + "{'op':'test','path':'/metadata/annotations/c~0d','value':'2'},"
                + "{'op':'add','path':'/metadata/annotations/example.com~1x','value':'y'}]"));
  }

  @Test
  void testOperationComparesNumbersByValue() {
    assertEquals(
        json("{'n':2}"),
        apply(
            "{'n':1}",
            "[{'op':'test','path':'/n','value':1.0},{'op':'replace','path':'/n','value':2}]"));
  }

  @Test
  void failingTestAbortsWholePatch() {
    JsonNode target = json("{'x':'a','y':1}");
    PatchException e =
        assertThrows(
            PatchException.class,
            () ->
                JsonPatch.apply(
                    target,
                    json(
                        "[{'op':'replace','path':'/y','value':2},{'op':'test','path':'/x','value':'b'}]")));
    assertEquals("testing value /x failed", e.getMessage());
    assertEquals(json("{'x':'a','y':1}"), target);
  }

  @Test
  void errorMessagesNameTheOperationAndPath() {
    assertEquals(
        "replace operation does not apply: doc is missing key: /spec/foo",
        failure("{'spec':{}}", "[{'op':'replace','path':'/spec/foo','value':1}]"));
    assertEquals(
        "remove operation does not apply: doc is missing path: /spec/foo",
        failure("{'spec':{}}", "[{'op':'remove','path':'/spec/foo'}]"));
    assertEquals(
        "add operation does not apply: doc is missing path: /spec/foo/bar",
        failure("{'spec':{}}", "[{'op':'add','path':'/spec/foo/bar','value':1}]"));
    assertEquals(
        "add operation does not apply: invalid index referenced: /a/5",
        failure("{'a':[1]}", "[{'op':'add','path':'/a/5','value':1}]"));
    assertEquals(
        "move operation does not apply: doc is missing from path: /nope",
        failure("{'a':1}", "[{'op':'move','from':'/nope','path':'/b'}]"));
    assertEquals(
        "copy operation does not apply: doc is missing from path: /nope",
        failure("{'a':1}", "[{'op':'copy','from':'/nope','path':'/b'}]"));
    assertEquals("Unexpected kind: frobnicate", failure("{}", "[{'op':'frobnicate','path':'/a'}]"));
    assertEquals("invalid JSON pointer: a", failure("{}", "[{'op':'add','path':'a','value':1}]"));
    assertEquals("a JSON patch must be a list of operations", failure("{}", "{'op':'add'}"));
  }

  @Test
  void replacesMetadataManagedFieldsLikeKubectl() {
    assertEquals(
        json("{'metadata':{'resourceVersion':'7','managedFields':[{}]}}"),
        apply(
            "{'metadata':{'resourceVersion':'7','managedFields':[{'manager':'kubectl'}]}}",
            "[{'op':'test','path':'/metadata/resourceVersion','value':'7'},"
                + "{'op':'replace','path':'/metadata/managedFields','value':[{}]}]"));
  }

  @Test
  void testOfNullOnMissingPathSucceeds() {
    assertEquals(json("{}"), apply("{}", "[{'op':'test','path':'/a','value':null}]"));
  }

  @Test
  void replacesTheRoot() {
    assertEquals(json("[1]"), apply("{'a':1}", "[{'op':'replace','path':'','value':[1]}]"));
  }
}
