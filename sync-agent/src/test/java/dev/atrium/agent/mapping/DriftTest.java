package dev.atrium.agent.mapping;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DriftTest {

  private final DownstreamMapper mapper = new DownstreamMapper("abc");

  private ObjectNode actualFrom(ObjectNode desired) {
    ObjectNode actual = desired.deepCopy();
    ObjectNode meta = (ObjectNode) actual.get("metadata");
    meta.put("uid", "down-1").put("resourceVersion", "5").put("generation", 1);
    ObjectNode spec = (ObjectNode) actual.get("spec");
    spec.put("revisionHistoryLimit", 10).put("progressDeadlineSeconds", 600);
    ObjectNode c = (ObjectNode) spec.get("template").get("spec").get("containers").get(0);
    c.put("imagePullPolicy", "IfNotPresent").put("terminationMessagePath", "/dev/termination-log");
    actual.putObject("status").put("replicas", 2).put("availableReplicas", 2);
    return actual;
  }

  @Test
  void defaultsAndStatusAreNotDrift() {
    ObjectNode desired = mapper.toDownstream(Objects.deployment("root", "app", "web"));
    assertFalse(Drift.needsApply(desired, actualFrom(desired)));
  }

  @Test
  void aChangedSyncedFieldIsDrift() {
    ObjectNode desired = mapper.toDownstream(Objects.deployment("root", "app", "web"));
    ObjectNode actual = actualFrom(desired);
    ((ObjectNode) actual.get("spec")).put("replicas", 5);
    assertTrue(Drift.needsApply(desired, actual));
  }

  @Test
  void aRemovedLabelOrContainerFieldIsDrift() {
    ObjectNode desired = mapper.toDownstream(Objects.deployment("root", "app", "web"));
    ObjectNode actual = actualFrom(desired);
    ((ObjectNode) actual.get("metadata").get("labels")).remove("app");
    assertTrue(Drift.needsApply(desired, actual));
    ObjectNode actual2 = actualFrom(desired);
    ((ObjectNode) actual2.at("/spec/template/spec/containers/0")).remove("envFrom");
    assertTrue(Drift.needsApply(desired, actual2));
  }

  @Test
  void aMissingObjectOrAnotherDesiredHashNeedsApply() {
    ObjectNode desired = mapper.toDownstream(Objects.deployment("root", "app", "web"));
    assertTrue(Drift.needsApply(desired, null));
    ObjectNode actual = actualFrom(desired);
    ((ObjectNode) actual.at("/metadata/annotations"))
        .put(DownstreamMapper.DESIRED_HASH_ANNOTATION, "old");
    assertTrue(Drift.needsApply(desired, actual));
  }

  @Test
  void numbersAndIntOrStringCompareByValue() {
    assertTrue(Drift.contains(Objects.json("{'a':2}"), Objects.json("{'a':2.0}")));
    assertTrue(Drift.contains(Objects.json("{'port':'80'}"), Objects.json("{'port':80}")));
    assertFalse(Drift.contains(Objects.json("{'a':2}"), Objects.json("{'a':3}")));
  }

  @Test
  void emptyDesiredValuesMatchAbsentOnes() {
    assertTrue(Drift.contains(Objects.json("{'a':{},'b':[],'c':null}"), Objects.json("{}")));
    assertFalse(Drift.contains(Objects.json("{'a':{'x':1}}"), Objects.json("{}")));
  }

  @Test
  void listsCompareElementWiseAndByLength() {
    assertTrue(
        Drift.contains(Objects.json("{'l':[{'a':1}]}"), Objects.json("{'l':[{'a':1,'b':2}]}")));
    assertFalse(
        Drift.contains(Objects.json("{'l':[{'a':1}]}"), Objects.json("{'l':[{'a':1},{'a':2}]}")));
  }
}
