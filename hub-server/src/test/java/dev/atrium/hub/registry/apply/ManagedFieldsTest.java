package dev.atrium.hub.registry.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedFieldsTest {

  /** managedFields of a Deployment made by {@code kubectl create deployment} on a real cluster. */
  static final String KUBECTL_CREATED =
      """
      [{"manager":"kubectl-create","operation":"Update","apiVersion":"apps/v1",
        "time":"2024-05-02T10:11:12Z","fieldsType":"FieldsV1","fieldsV1":
        {"f:metadata":{"f:labels":{".":{},"f:app":{}}},
         "f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},
           "f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},
           "f:maxUnavailable":{}},"f:type":{}},
           "f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},
             "f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},
               "f:imagePullPolicy":{},"f:name":{},
               "f:ports":{".":{},"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":
                 {".":{},"f:containerPort":{},"f:protocol":{}}},
               "f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},
             "f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},
             "f:terminationGracePeriodSeconds":{}}}}}},
       {"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1",
        "time":"2024-05-02T10:11:14Z","fieldsType":"FieldsV1","fieldsV1":
        {"f:metadata":{"f:annotations":{".":{},"f:deployment.kubernetes.io/revision":{}}},
         "f:status":{"f:conditions":{".":{},"k:{\\"type\\":\\"Available\\"}":{".":{},
           "f:lastTransitionTime":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{},
           "f:replicas":{}}},
        "subresource":"status"}]
      """;

  @Test
  void fieldsV1RoundTripsAKubectlExample() throws Exception {
    JsonNode original = new ObjectMapper().readTree(KUBECTL_CREATED);
    List<ManagedEntry> entries = ManagedFieldsCodec.decode(original);
    assertEquals(2, entries.size());
    assertEquals("status", entries.get(1).subresource());
    assertEquals(original, ManagedFieldsCodec.encode(entries));
    List<String> paths =
        entries.get(0).fields().paths().stream().map(PathElements::display).toList();
    assertTrue(paths.contains(".metadata.labels"));
    assertTrue(
        paths.contains(
            ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"].protocol"),
        paths::toString);
    String written = FieldsV1.toJson(entries.get(0).fields()).toString();
    assertTrue(
        written.startsWith("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}}"), written);
  }

  @Test
  void keyElementsAreNormalised() {
    JsonNode a =
        FieldsV1.toJson(
            FieldsV1.parse(
                json("{\"k:{\\\"protocol\\\":\\\"TCP\\\",\\\"containerPort\\\":80}\":{}}")));
    assertEquals(json("{\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{}}"), a);
  }

  @Test
  void setOperations() {
    FieldSet a = FieldSet.empty().insert(List.of("f:a", "f:b")).insert(List.of("f:a", "f:c"));
    FieldSet b = FieldSet.empty().insert(List.of("f:a", "f:c")).insert(List.of("f:d"));
    assertEquals(List.of(List.of("f:a", "f:b")), a.difference(b).paths());
    assertEquals(List.of(List.of("f:a", "f:c")), a.intersection(b).paths());
    assertEquals(4 - 1, a.union(b).paths().size());
    assertTrue(a.containsAnyUnder(List.of("f:a")));
  }

  @Test
  void managerFromUserAgent() {
    assertEquals(
        "kubectl",
        ManagedFields.managerFromUserAgent("kubectl/v1.33.0 (linux/amd64) kubernetes/abc"));
    assertEquals("atrium-hub", ManagedFields.managerFromUserAgent(null));
  }

  private static JsonNode json(String s) {
    try {
      return new ObjectMapper().readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
