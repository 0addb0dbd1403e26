package dev.atrium.hub.registry.patch;

import static dev.atrium.hub.registry.patch.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.patch.PatchSchema.Node;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

  private static final Node DEPLOYMENT =
      PatchSchema.forKind("apps", "v1", "Deployment").orElseThrow();
  private static final Node POD = PatchSchema.forKind("", "v1", "Pod").orElseThrow();
  private static final Node SERVICE = PatchSchema.forKind("", "v1", "Service").orElseThrow();
  private static final Node CONFIG_MAP = PatchSchema.forKind("", "v1", "ConfigMap").orElseThrow();

  private static final String DEPLOYMENT_JSON =
      "{'apiVersion':'apps/v1','kind':'Deployment',"
          + "'metadata':{'name':'web','labels':{'app':'web','tier':'front'}},"
          + "'spec':{'replicas':1,'selector':{'matchLabels':{'app':'web'}},"
          + "'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1,'maxUnavailable':0}},"
          + "'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':["
          + "{'name':'web','image':'nginx:1.25','ports':[{'containerPort':80,'protocol':'TCP'}],"
          + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]},"
          + "{'name':'sidecar','image':'busybox','args':['sleep','3600']}],"
          + "'volumes':[{'name':'data','emptyDir':{}},{'name':'cfg','configMap':{'name':'a'}}]}}}}";

  private static ObjectNode deployment() {
    return object(DEPLOYMENT_JSON);
  }

  private static ObjectNode patchDeployment(String patch) {
    return StrategicMergePatch.apply(deployment(), object(patch), DEPLOYMENT);
  }

  private static JsonNode podSpec(ObjectNode deployment) {
    return deployment.at("/spec/template/spec");
  }

  private static String names(JsonNode list, String key) {
    StringBuilder out = new StringBuilder();
    list.forEach(item -> out.append(out.length() == 0 ? "" : ",").append(item.get(key).asText()));
    return out.toString();
  }

  @Test
  void kubectlApplyUpdatesOneContainerAndKeepsTheOther() {
    ObjectNode result =
        patchDeployment(
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'sidecar'}],"
                + "'containers':[{'image':'nginx:1.26','name':'web'}]}},'replicas':2}}");
    JsonNode containers = podSpec(result).get("containers");
    assertEquals("web,sidecar", names(containers, "name"));
    assertEquals("nginx:1.26", containers.get(0).get("image").asText());
    assertEquals(object("{'containerPort':80,'protocol':'TCP'}"), containers.at("/0/ports/0"));
    assertEquals(deployment().at("/spec/template/spec/containers/1"), containers.get(1));
    assertEquals(2, result.at("/spec/replicas").asInt());
    assertEquals("web", result.at("/metadata/name").asText());
  }

  @Test
  void deletesAContainerWithPatchDelete() {
    ObjectNode result =
        patchDeployment(
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'web'}],"
                + "'containers':[{'$patch':'delete','name':'sidecar'}]}}}}");
    assertEquals("web", names(podSpec(result).get("containers"), "name"));
  }

  @Test
  void setElementOrderReordersTheList() {
    ObjectNode result =
        patchDeployment(
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':"
                + "[{'name':'sidecar'},{'name':'web'}]}}}}");
    assertEquals("sidecar,web", names(podSpec(result).get("containers"), "name"));
  }

  @Test
  void serverOnlyItemsKeepTheirPlace() {
    ObjectNode original =
        object(
            "{'spec':{'template':{'spec':{'containers':"
                + "[{'name':'a'},{'name':'injected'},{'name':'b','image':'old'}]}}}}");
    ObjectNode result =
        StrategicMergePatch.apply(
            original,
            object(
                "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],"
                    + "'containers':[{'name':'b','image':'new'}]}}}}"),
            DEPLOYMENT);
    JsonNode containers = podSpec(result).get("containers");
    assertEquals("a,injected,b", names(containers, "name"));
    assertEquals("new", containers.at("/2/image").asText());
  }

  @Test
  void mergesEnvByName() {
    ObjectNode result =
        patchDeployment(
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'sidecar'}],"
                + "'containers':[{'$setElementOrder/env':[{'name':'A'},{'name':'B'},{'name':'C'}],"
                + "'env':[{'name':'B','value':'3'},{'name':'C','value':'4'}],'name':'web'}]}}}}");
    assertEquals(
        object("{'e':[{'name':'A','value':'1'},{'name':'B','value':'3'},{'name':'C','value':'4'}]}")
            .get("e"),
        podSpec(result).at("/containers/0/env"));
  }

  @Test
  void newItemsWithoutSetElementOrderComeFirstLikeUpstream() {
    ObjectNode result =
        patchDeployment(
            "{'spec':{'template':{'spec':{'containers':[{'name':'web','env':[{'name':'C','value':'4'}]}]}}}}");
    assertEquals("C,A,B", names(podSpec(result).at("/containers/0/env"), "name"));
  }

  @Test
  void removesEnvVarAndDropsNullField() {
    ObjectNode result =
        patchDeployment(
            "{'spec':{'template':{'spec':{'containers':[{'name':'web','env':"
                + "[{'$patch':'delete','name':'A'},{'name':'B','value':null,'valueFrom':"
                + "{'fieldRef':{'fieldPath':'metadata.name'}}}]}]}}}}");
    assertEquals(
        object("{'e':[{'name':'B','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}}]}")
            .get("e"),
        podSpec(result).at("/containers/0/env"));
  }

  @Test
  void mergesPortsByContainerPort() {
    ObjectNode result =
        patchDeployment(
            "{'spec':{'template':{'spec':{'containers':[{'name':'web','$setElementOrder/ports':"
                + "[{'containerPort':80},{'containerPort':443}],'ports':[{'containerPort':80,'name':'http'},"
                + "{'containerPort':443,'protocol':'TCP'}]}]}}}}");
    assertEquals(
        object(
                "{'p':[{'containerPort':80,'protocol':'TCP','name':'http'},"
                    + "{'containerPort':443,'protocol':'TCP'}]}")
            .get("p"),
        podSpec(result).at("/containers/0/ports"));
  }

  @Test
  void mergesVolumesAndSwitchesVolumeSourceWithRetainKeys() {
    ObjectNode result =
        patchDeployment(
            "{'spec':{'template':{'spec':{'$setElementOrder/volumes':[{'name':'data'},{'name':'cfg'}],"
                + "'volumes':[{'$retainKeys':['name','secret'],'name':'cfg','secret':{'secretName':'s'}}]}}}}");
    assertEquals(
        object("{'v':[{'name':'data','emptyDir':{}},{'name':'cfg','secret':{'secretName':'s'}}]}")
            .get("v"),
        podSpec(result).get("volumes"));
  }

  @Test
  void addsAVolume() {
    ObjectNode result =
        patchDeployment(
            "{'spec':{'template':{'spec':{'volumes':[{'name':'cfg','configMap':{'name':'b'}},"
                + "{'name':'tmp','emptyDir':{'medium':'Memory'}}]}}}}");
    assertEquals("data,cfg,tmp", names(podSpec(result).get("volumes"), "name"));
    assertEquals("b", podSpec(result).at("/volumes/1/configMap/name").asText());
  }

  @Test
  void retainKeysSwitchesDeploymentStrategy() {
    ObjectNode result =
        patchDeployment(
            "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate','rollingUpdate':null}}}");
    assertEquals(object("{'type':'Recreate'}"), result.at("/spec/strategy"));
  }

  @Test
  void retainKeysRejectsUnlistedPatchKeys() {
    PatchException e =
        assertThrows(
            PatchException.class,
            () ->
                patchDeployment(
                    "{'spec':{'strategy':{'$retainKeys':['type'],'rollingUpdate':{}}}}"));
    assertTrue(e.getMessage().startsWith("invalid patch format of retainKeys"), e.getMessage());
  }

  @Test
  void finalizersMergeAsASetAndDeleteFromPrimitiveList() {
    ObjectNode original = object("{'metadata':{'name':'x','finalizers':['a','b','c']}}");
    ObjectNode result =
        StrategicMergePatch.apply(
            original,
            object(
                "{'metadata':{'$setElementOrder/finalizers':['a','c','d'],"
                    + "'$deleteFromPrimitiveList/finalizers':['b'],'finalizers':['d']}}"),
            CONFIG_MAP);
    assertEquals(object("{'f':['a','c','d']}").get("f"), result.at("/metadata/finalizers"));

    ObjectNode union =
        StrategicMergePatch.apply(
            object("{'metadata':{'finalizers':['a','b']}}"),
            object("{'metadata':{'finalizers':['b','c']}}"),
            CONFIG_MAP);
    assertEquals(object("{'f':['a','b','c']}").get("f"), union.at("/metadata/finalizers"));
  }

  @Test
  void nullDeletesLabels() {
    ObjectNode result =
        patchDeployment("{'metadata':{'labels':{'tier':null,'env':'prod','missing':null}}}");
    assertEquals(object("{'app':'web','env':'prod'}"), result.at("/metadata/labels"));
  }

  @Test
  void patchReplaceOnAList() {
    ObjectNode result =
        patchDeployment(
            "{'spec':{'template':{'spec':{'containers':[{'name':'only','image':'x'},{'$patch':'replace'}]}}}}");
    assertEquals(
        object("{'c':[{'name':'only','image':'x'}]}").get("c"), podSpec(result).get("containers"));
  }

  @Test
  void patchReplaceAndDeleteOnAMap() {
    ObjectNode replaced = patchDeployment("{'metadata':{'labels':{'$patch':'replace','new':'1'}}}");
    assertEquals(object("{'new':'1'}"), replaced.at("/metadata/labels"));

    ObjectNode deleted = patchDeployment("{'metadata':{'labels':{'$patch':'delete'}}}");
    assertTrue(deleted.at("/metadata/labels").isMissingNode());
    assertEquals("web", deleted.at("/metadata/name").asText());
  }

  @Test
  void servicePortsMergeByPort() {
    ObjectNode service =
        object(
            "{'kind':'Service','spec':{'selector':{'app':'web'},'ports':["
                + "{'name':'http','port':80,'targetPort':8080,'protocol':'TCP'},"
                + "{'name':'https','port':443,'targetPort':8443,'protocol':'TCP'}]}}");
    ObjectNode result =
        StrategicMergePatch.apply(
            service,
            object(
                "{'spec':{'$setElementOrder/ports':[{'port':80},{'port':443},{'port':9090}],"
                    + "'ports':[{'port':80,'targetPort':9090},{'name':'metrics','port':9090}]}}"),
            SERVICE);
    JsonNode ports = result.at("/spec/ports");
    assertEquals("http,https,metrics", names(ports, "name"));
    assertEquals(9090, ports.at("/0/targetPort").asInt());
    assertEquals(8443, ports.at("/1/targetPort").asInt());
  }

  @Test
  void listsWithoutMergeStrategyAreReplaced() {
    ObjectNode result =
        patchDeployment(
            "{'spec':{'template':{'spec':{'containers':[{'name':'sidecar','args':['sleep','60']}]}}}}");
    assertEquals(object("{'a':['sleep','60']}").get("a"), podSpec(result).at("/containers/1/args"));
  }

  @Test
  void unknownSchemaBehavesLikeMergePatch() {
    ObjectNode result =
        StrategicMergePatch.apply(
            object("{'spec':{'items':[1,2],'m':{'a':1,'b':2},'keep':true}}"),
            object("{'spec':{'items':[3],'m':{'b':null,'c':3}}}"),
            null);
    assertEquals(object("{'spec':{'items':[3],'m':{'a':1,'c':3},'keep':true}}"), result);
  }

  @Test
  void newValuesCarryNoDirectivesOrNulls() {
    ObjectNode result =
        StrategicMergePatch.apply(
            object("{'spec':{'containers':[{'name':'web'}]}}"),
            object(
                "{'spec':{'initContainers':[{'name':'init','$setElementOrder/env':[{'name':'A'}],"
                    + "'env':[{'name':'A','value':'1'}],'stdin':null}],"
                    + "'nodeSelector':{'$patch':'replace','disk':'ssd'},"
                    + "'containers':[{'name':'extra','securityContext':{'runAsUser':null}}]}}"),
            POD);
    assertEquals(
        object(
            "{'spec':{'containers':[{'name':'extra','securityContext':{}},{'name':'web'}],"
                + "'initContainers':[{'name':'init','env':[{'name':'A','value':'1'}]}],"
                + "'nodeSelector':{'disk':'ssd'}}}"),
        result);
  }

  @Test
  void doesNotChangeItsInputs() {
    ObjectNode original = deployment();
    ObjectNode patch =
        object(
            "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'},"
                + "'template':{'spec':{'containers':[{'$patch':'delete','name':'sidecar'}]}}}}");
    ObjectNode patchCopy = patch.deepCopy();
    StrategicMergePatch.apply(original, patch, DEPLOYMENT);
    assertEquals(deployment(), original);
    assertEquals(patchCopy, patch);
  }

  @Test
  void malformedDirectivesAreRejected() {
    assertRejected("{'metadata':{'labels':{'$patch':'bogus'}}}", "unknown patch type: bogus");
    assertRejected(
        "{'spec':{'strategy':{'$retainKeys':'type'}}}", "invalid patch format of retainKeys");
    assertRejected(
        "{'spec':{'template':{'spec':{'$setElementOrder/containers':'web'}}}}",
        "invalid patch format of setElementOrder list");
    assertRejected(
        "{'spec':{'template':{'spec':{'containers':[{'$patch':'merge','name':'web'}]}}}}",
        "merging lists cannot yet be specified in the patch");
    assertRejected(
        "{'spec':{'template':{'spec':{'containers':[{'$patch':'delete'}]}}}}",
        "does not contain declared merge key: name");
    assertRejected(
        "{'spec':{'template':{'spec':{'containers':[{'image':'x'}]}}}}",
        "does not contain declared merge key: name");
    assertRejected(
        "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'web'}],"
            + "'containers':[{'name':'other'}]}}}}",
        "doesn't match $setElementOrder list");
    assertRejected(
        "{'metadata':{'$deleteFromPrimitiveList/finalizers':'a'}}",
        "invalid patch format of primitive list");
  }

  private static void assertRejected(String patch, String messagePart) {
    PatchException e = assertThrows(PatchException.class, () -> patchDeployment(patch));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }
}
