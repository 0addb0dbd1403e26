package dev.atrium.model.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.apis.ApiBinding;
import dev.atrium.model.apis.ApiBindingSpec;
import dev.atrium.model.apis.ApiExport;
import dev.atrium.model.tenancy.Workspace;
import dev.atrium.model.tenancy.WorkspaceSpec;
import dev.atrium.model.tenancy.WorkspaceType;
import dev.atrium.model.workload.Placement;
import dev.atrium.model.workload.SyncTarget;
import dev.atrium.model.workload.SyncTargetStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode parse(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
  }

  @Test
  void syncTargetRoundTripKeepsEveryFieldIncludingUnknownOnes() throws Exception {
    ObjectNode body =
        parse(
            "{'apiVersion':'workload.atrium.dev/v1alpha1','kind':'SyncTarget',"
                + "'metadata':{'name':'eu','labels':{'workload.atrium.dev/key':'abc'},'uid':'u1'},"
                + "'spec':{'futureField':{'x':1}},"
                + "'status':{'lastHeartbeatTime':'2025-01-01T00:00:00Z','agentVersion':'1.2',"
                + "'syncedResources':[{'group':'apps','resource':'deployments','count':3}],"
                + "'conditions':[{'type':'Ready','status':'True','reason':'R','message':'m',"
                + "'lastTransitionTime':'2025-01-01T00:00:00Z','observedGeneration':4}],"
                + "'capacity':{'cpu':'4'}},"
                + "'topLevelExtra':true}");
    SyncTarget target = ModelJson.read(body, SyncTarget.class);

    assertEquals("eu", target.name());
    assertEquals("1.2", target.status().agentVersion());
    assertEquals(3, target.status().syncedCount());
    assertEquals("True", target.status().conditionStatus("Ready"));
    assertEquals("4", target.status().extra().get("capacity").path("cpu").asText());
    assertEquals(body, ModelJson.tree(target));
  }

  @Test
  void everyKindRoundTripsItsDocumentedShape() throws Exception {
    roundTrip(
        Workspace.class,
        "{'apiVersion':'tenancy.atrium.dev/v1alpha1','kind':'Workspace','metadata':{'name':'a'},"
            + "'spec':{'type':'universal'},'status':{'phase':'Ready','URL':'https://h/clusters/root:a',"
            + "'conditions':[{'type':'Ready','status':'True'}]}}");
    roundTrip(
        WorkspaceType.class,
        "{'apiVersion':'tenancy.atrium.dev/v1alpha1','kind':'WorkspaceType','metadata':{'name':'t'},"
            + "'spec':{'allowedParents':['root'],'allowedChildren':[],'defaultChildType':'universal',"
            + "'initialNamespaces':['default']}}");
    roundTrip(
        Placement.class,
        "{'apiVersion':'workload.atrium.dev/v1alpha1','kind':'Placement','metadata':{'name':'p'},"
            + "'spec':{'locationSelectors':[{'matchLabels':{'region':'eu'}},{'matchExpressions':"
            + "[{'key':'tier','operator':'In','values':['web']}]}],'namespaceSelector':{},"
            + "'numberOfClusters':2,'failover':{'enabled':false,'afterSeconds':30}},"
            + "'status':{'selectedTargets':[{'key':'k','workspace':'root','name':'eu'}]}}");
    roundTrip(
        ApiExport.class,
        "{'apiVersion':'apis.atrium.dev/v1alpha1','kind':'APIExport','metadata':{'name':'w'},"
            + "'spec':{'resources':[{'group':'g','resource':'widgets'}]},"
            + "'status':{'resources':[{'group':'g','resource':'widgets','crd':'widgets.g'}]}}");
    roundTrip(
        ApiBinding.class,
        "{'apiVersion':'apis.atrium.dev/v1alpha1','kind':'APIBinding','metadata':{'name':'w'},"
            + "'spec':{'reference':{'export':{'path':'root:p','name':'w'}}},"
            + "'status':{'phase':'Bound','boundResources':[{'group':'g','resource':'widgets',"
            + "'crd':'widgets.g','versions':['v1']}]}}");
  }

  private static void roundTrip(Class<?> type, String json) throws Exception {
    ObjectNode body = parse(json);
    assertEquals(body, ModelJson.tree(ModelJson.read(body, type)), type.getSimpleName());
  }

  @Test
  void codeBuiltValuesWriteOnlyWhatIsSet() throws Exception {
    ApiBinding binding = ApiBinding.named("w", ApiBindingSpec.of("root:p", "w"));
    assertEquals(
        parse(
            "{'apiVersion':'apis.atrium.dev/v1alpha1','kind':'APIBinding','metadata':{'name':'w'},"
                + "'spec':{'reference':{'export':{'path':'root:p','name':'w'}}}}"),
        ModelJson.tree(binding));
    SyncTargetStatus beat = new SyncTargetStatus("2025-01-01T00:00:00Z", "1.0", List.of(), null);
    assertEquals(
        parse(
            "{'lastHeartbeatTime':'2025-01-01T00:00:00Z','agentVersion':'1.0','syncedResources':[]}"),
        ModelJson.tree(beat));
  }

  @Test
  void aChangedCopyKeepsTheUnknownFieldsOfTheOriginal() throws Exception {
    Workspace ws =
        ModelJson.read(
            parse("{'spec':{'type':'','shard':'s1'},'metadata':{'name':'a'}}"), Workspace.class);
    WorkspaceSpec defaulted = new WorkspaceSpec(ws.spec().typeOrDefault(), ws.spec().extra());
    assertEquals(parse("{'type':'universal','shard':'s1'}"), ModelJson.tree(defaulted));
  }

  @Test
  void aWrongShapeIsRejectedNamingTheField() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelJson.read(parse("{'spec':{'numberOfClusters':'two'}}"), Placement.class));
    assertEquals("spec.numberOfClusters", ModelJson.failedPath(e));
    assertTrue(ModelJson.tryRead(parse("{'spec':[]}"), Placement.class).isEmpty());
  }

  @Test
  void missingAndNullNodesReadAsNull() throws Exception {
    JsonNode status = parse("{}").path("status");
    assertNull(ModelJson.read(status, SyncTargetStatus.class));
    assertFalse(
        ModelJson.read(parse("{'status':{}}"), SyncTarget.class).status().extra().size() > 0);
  }
}
