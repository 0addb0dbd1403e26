package dev.atrium.hub.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class GenericRegistrySameContentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode parse(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
  }

  @Test
  void onlyTheResourceVersionMayDiffer() throws Exception {
    ObjectNode a = parse("{'metadata':{'name':'x','resourceVersion':'5'},'data':{'k':'v'}}");
    ObjectNode b = parse("{'metadata':{'name':'x','resourceVersion':'7'},'data':{'k':'v'}}");
    assertTrue(GenericRegistry.sameContent(a, b));
    assertTrue(GenericRegistry.sameContent(a, parse("{'metadata':{'name':'x'},'data':{'k':'v'}}")));
  }

  @Test
  void anyOtherDifferenceIsAChange() throws Exception {
    ObjectNode a = parse("{'metadata':{'name':'x','resourceVersion':'5'},'data':{'k':'v'}}");
    assertFalse(
        GenericRegistry.sameContent(
            a, parse("{'metadata':{'name':'x','resourceVersion':'5'},'data':{'k':'w'}}")));
    assertFalse(
        GenericRegistry.sameContent(
            a,
            parse("{'metadata':{'name':'x','resourceVersion':'5','labels':{}},'data':{'k':'v'}}")));
    assertFalse(
        GenericRegistry.sameContent(
            a, parse("{'metadata':{'name':'x','resourceVersion':'5'},'data':{'k':'v'},'s':1}")));
    assertFalse(
        GenericRegistry.sameContent(a, parse("{'metadata':{'name':'x','resourceVersion':'5'}}")));
  }
}
