package dev.atrium.hub.storage.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldSetsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyResourceHasNameAndNamespacedOnesNamespace() {
    assertEquals(
        Set.of("metadata.name", "metadata.namespace"),
        FieldSets.supportedFields("apps", "deployments", true));
    assertEquals(
        Set.of("metadata.name"), FieldSets.supportedFields("example.com", "things", false));
    Map<String, String> fields =
        FieldSets.forResource("apps", "deployments")
            .apply(object("{\"metadata\":{\"name\":\"d\",\"namespace\":\"ns\"}}"));
    assertEquals(Map.of("metadata.name", "d", "metadata.namespace", "ns"), fields);
  }

  @Test
  void podFields() {
    assertEquals(
        Set.of(
            "metadata.name",
            "metadata.namespace",
            "spec.nodeName",
            "spec.host",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.podIPs",
            "status.nominatedNodeName"),
        FieldSets.supportedFields("", "pods", true));
    Map<String, String> fields =
        FieldSets.forResource("", "pods")
            .apply(
                object(
                    """
                    {"metadata": {"name": "p", "namespace": "ns"},
                     "spec": {"nodeName": "n1", "restartPolicy": "Always", "hostNetwork": true,
                              "serviceAccountName": "sa", "schedulerName": "default-scheduler"},
                     "status": {"phase": "Running", "podIP": "10.0.0.9",
                                "podIPs": [{"ip": "10.0.0.1"}, {"ip": "fd00::1"}]}}
                    """));
    assertEquals("n1", fields.get("spec.nodeName"));
    assertEquals("n1", fields.get("spec.host"));
    assertEquals("Always", fields.get("spec.restartPolicy"));
    assertEquals("true", fields.get("spec.hostNetwork"));
    assertEquals("sa", fields.get("spec.serviceAccountName"));
    assertEquals("default-scheduler", fields.get("spec.schedulerName"));
    assertEquals("Running", fields.get("status.phase"));
    assertEquals("10.0.0.1", fields.get("status.podIP"));
    assertEquals("", fields.get("status.podIPs"));
    assertEquals("", fields.get("status.nominatedNodeName"));
  }

  @Test
  void missingPodValuesAreEmptyOrGoZeroValues() {
    Map<String, String> fields =
        FieldSets.forResource("", "pods").apply(object("{\"metadata\":{\"name\":\"p\"}}"));
    assertEquals("", fields.get("spec.nodeName"));
    assertEquals("", fields.get("metadata.namespace"));
    assertEquals("false", fields.get("spec.hostNetwork"));
    assertEquals("", fields.get("status.podIP"));
    assertTrue(FieldSelector.parse("spec.nodeName=").matches(fields));
  }

  @Test
  void coreEventFieldsForKubectlDescribe() {
    ObjectNode event =
        object(
            """
            {"metadata": {"name": "e", "namespace": "ns"},
             "involvedObject": {"kind": "Pod", "namespace": "ns", "name": "web-0", "uid": "u-1",
                                "apiVersion": "v1", "resourceVersion": "7",
                                "fieldPath": "spec.containers{app}"},
             "reason": "Pulled", "type": "Normal", "reportingComponent": "kubelet"}
            """);
    FieldSelector describe =
        FieldSelector.parse(
            "involvedObject.name=web-0,involvedObject.namespace=ns,"
                + "involvedObject.kind=Pod,involvedObject.uid=u-1");
    describe.validate(FieldSets.supportedFields("", "events", true), "events");
    Map<String, String> fields = FieldSets.forResource("", "events").apply(event);
    assertTrue(describe.matches(fields));
    assertEquals("kubelet", fields.get("source"));
    assertEquals("7", fields.get("involvedObject.resourceVersion"));
    assertEquals("spec.containers{app}", fields.get("involvedObject.fieldPath"));
    assertEquals("Pulled", fields.get("reason"));
    assertEquals("Normal", fields.get("type"));
    assertEquals("kubelet", fields.get("reportingComponent"));
  }

  @Test
  void eventSourcePrefersSourceComponent() {
    Map<String, String> fields =
        FieldSets.forResource("", "events")
            .apply(object("{\"source\":{\"component\":\"sched\"},\"reportingComponent\":\"x\"}"));
    assertEquals("sched", fields.get("source"));
  }

  @Test
  void eventsV1UsesRegardingAndReportingController() {
    Set<String> supported = FieldSets.supportedFields("events.k8s.io", "events", true);
    assertTrue(supported.contains("regarding.name"));
    assertTrue(supported.contains("reportingController"));
    SelectorException e =
        assertThrows(
            SelectorException.class,
            () -> FieldSelector.parse("involvedObject.name=a").validate(supported, "events"));
    assertEquals("field label not supported: involvedObject.name", e.getMessage());
    Map<String, String> fields =
        FieldSets.forResource("events.k8s.io", "events")
            .apply(
                object(
                    "{\"regarding\":{\"kind\":\"Pod\",\"name\":\"web-0\"},"
                        + "\"reportingController\":\"kubelet\",\"type\":\"Warning\"}"));
    assertTrue(
        FieldSelector.parse("regarding.kind=Pod,regarding.name=web-0,type=Warning")
            .matches(fields));
    assertEquals("kubelet", fields.get("reportingController"));
  }

  @Test
  void otherBuiltInKinds() {
    assertTrue(FieldSets.supportedFields("", "namespaces", false).contains("status.phase"));
    assertTrue(FieldSets.supportedFields("", "secrets", true).contains("type"));
    assertTrue(FieldSets.supportedFields("", "services", true).contains("spec.clusterIP"));
    assertTrue(FieldSets.supportedFields("", "services", true).contains("spec.type"));
    assertTrue(FieldSets.supportedFields("", "nodes", false).contains("spec.unschedulable"));
    assertTrue(FieldSets.supportedFields("apps", "replicasets", true).contains("status.replicas"));
    assertTrue(FieldSets.supportedFields("batch", "jobs", true).contains("status.successful"));
    assertEquals(
        "Opaque",
        FieldSets.forResource("", "secrets").apply(object("{\"type\":\"Opaque\"}")).get("type"));
    assertEquals(
        "3",
        FieldSets.forResource("batch", "jobs")
            .apply(object("{\"status\":{\"succeeded\":3}}"))
            .get("status.successful"));
    assertEquals(
        "0",
        FieldSets.forResource("apps", "replicasets").apply(object("{}")).get("status.replicas"));
    assertEquals(
        "Active",
        FieldSets.forResource("", "namespaces")
            .apply(object("{\"status\":{\"phase\":\"Active\"}}"))
            .get("status.phase"));
  }

  @Test
  void selectionUsesTheFieldSet() {
    Selection selection =
        new Selection(
            LabelSelector.parse("app=web"),
            FieldSelector.parse("status.phase=Running"),
            FieldSets.forResource("", "pods"));
    assertTrue(
        selection.matches(
            object(
                "{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"status\":{\"phase\":\"Running\"}}")));
  }

  private static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
