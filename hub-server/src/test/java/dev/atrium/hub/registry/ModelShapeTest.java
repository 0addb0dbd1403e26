package dev.atrium.hub.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.BuiltinCatalog;
import dev.atrium.model.catalog.ResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelShapeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ResourceType type(String group, String plural) {
    return BuiltinCatalog.byResource(group, plural).orElseThrow();
  }

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void aWrongShapeNamesTheFieldAndItsValue() throws Exception {
    List<ApiException.Cause> causes =
        ModelShape.errors(
            type("workload.atrium.dev", "placements"),
            json("{'metadata':{'name':'p'},'spec':{'locationSelectors':[{'matchLabels':[1]}]}}"));
    assertEquals(1, causes.size());
    assertEquals("spec.locationSelectors[0].matchLabels", causes.get(0).field());
    assertTrue(causes.get(0).message().contains("[1]"), causes.get(0).message());
  }

  @Test
  void theDocumentedShapeAndUnknownFieldsPass() throws Exception {
    assertEquals(
        List.of(),
        ModelShape.errors(
            type("apis.atrium.dev", "apibindings"),
            json(
                "{'metadata':{'name':'b'},'spec':{'reference':{'export':{'path':'root:p',"
                    + "'name':'w'}},'later':{'x':1}}}")));
  }

  @Test
  void otherKindsAreNotChecked() throws Exception {
    assertEquals(
        List.of(), ModelShape.errors(type("", "configmaps"), json("{'spec':[1],'data':3}")));
  }
}
