package dev.atrium.hub.registry.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.propagation.Propagation.Action;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.selection.LabelSelector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PropagationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final ObjectNode SOURCE =
      json(
          """
          {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole",
           "metadata":{"name":"org-auditor","uid":"u1","resourceVersion":"7",
             "creationTimestamp":"2026-12-03T10:00:00Z","managedFields":[{"manager":"kubectl"}],
             "labels":{"policy.atrium.dev/propagate":"true","team":"sec"},
             "annotations":{"atrium.dev/path":"root:org","note":"x",
               "kubectl.kubernetes.io/last-applied-configuration":"{}",
               "policy.atrium.dev/workspace-selector":"env=prod"}},
           "rules":[{"apiGroups":[""],"resources":["configmaps"],"verbs":["get"]}]}
          """);

  @Test
  void originIsThePathWithUnderscores() {
    assertEquals("root_org_team", Propagation.origin("root:org:team"));
    assertEquals("root", Propagation.origin("root"));
  }

  @Test
  void theCopyKeepsContentLabelsAndAnnotationsButNotSystemMetadata() {
    ObjectNode copy = Propagation.copyOf(SOURCE, "root:org");
    assertEquals(SOURCE.get("rules"), copy.get("rules"));
    assertEquals("ClusterRole", copy.path("kind").asText());
    assertEquals("org-auditor", copy.at("/metadata/name").asText());
    assertEquals(
        Map.of("team", "sec", Propagation.ORIGIN_LABEL, "root_org"), LabelSelector.labelsOf(copy));
    assertFalse(copy.at("/metadata/annotations").has("atrium.dev/path"));
    assertFalse(
        copy.at("/metadata/annotations").has("kubectl.kubernetes.io/last-applied-configuration"));
    assertEquals("x", copy.at("/metadata/annotations/note").asText());
    for (String system : List.of("uid", "resourceVersion", "creationTimestamp", "managedFields")) {
      assertFalse(copy.path("metadata").has(system), system);
    }
    assertTrue(Propagation.isCopy(copy));
    assertFalse(Propagation.isSource(copy));
    assertTrue(Propagation.isSource(SOURCE));
  }

  @Test
  void statusIsNotCopiedAndNotCompared() {
    ObjectNode crd =
        json(
            """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
             "metadata":{"name":"b.example.com","labels":{"policy.atrium.dev/propagate":"true"}},
             "spec":{"group":"example.com"},"status":{"conditions":[{"type":"Established"}]}}
            """);
    ObjectNode copy = Propagation.copyOf(crd, "root");
    assertFalse(copy.has("status"));
    ObjectNode stored = copy.deepCopy();
    stored.putObject("status").put("acceptedNames", "other");
    stored.with("metadata").put("uid", "u2").putArray("finalizers").add("cleanup");
    stored.with("metadata").with("annotations").put("atrium.dev/path", "root:a");
    assertTrue(Propagation.sameAsCopy(stored, copy));
    assertEquals(Action.NONE, Propagation.decide(stored, copy));
  }

  @Test
  void aTenantsEditIsAnUpdateAndTheRestoredObjectEqualsTheSource() {
    ObjectNode desired = Propagation.copyOf(SOURCE, "root:org");
    ObjectNode stored = desired.deepCopy();
    stored.with("metadata").put("uid", "u9");
    stored.with("metadata").with("annotations").put("atrium.dev/path", "root:org:t");
    stored.putArray("rules").addObject().putArray("verbs").add("*");
    stored.put("aggregationRule", "added by the tenant");
    stored.with("metadata").with("labels").put("mine", "yes");
    assertEquals(Action.UPDATE, Propagation.decide(stored, desired));
    ObjectNode restored = Propagation.restore(stored.deepCopy(), desired);
    assertTrue(Propagation.sameAsCopy(restored, desired));
    assertEquals("u9", restored.at("/metadata/uid").asText());
    assertEquals("root:org:t", restored.at("/metadata/annotations/atrium.dev~1path").asText());
    assertFalse(restored.has("aggregationRule"));
  }

  @Test
  void aChangedSourceMakesAnUpdateOfEqualCopies() {
    ObjectNode before = Propagation.copyOf(SOURCE, "root:org");
    ObjectNode changed = SOURCE.deepCopy();
    ((ObjectNode) changed.withArray("rules").get(0)).withArray("verbs").add("watch");
    assertEquals(
        Action.UPDATE, Propagation.decide(before, Propagation.copyOf(changed, "root:org")));
    ObjectNode relabelled = SOURCE.deepCopy();
    relabelled.with("metadata").with("labels").put("team", "ops");
    assertEquals(
        Action.UPDATE, Propagation.decide(before, Propagation.copyOf(relabelled, "root:org")));
  }

  @Test
  void nothingThereIsACreateAndAnOwnObjectIsAConflict() {
    ObjectNode desired = Propagation.copyOf(SOURCE, "root:org");
    assertEquals(Action.CREATE, Propagation.decide(null, desired));
    ObjectNode own =
        json(
            """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole",
             "metadata":{"name":"org-auditor"},"rules":[]}
            """);
    assertEquals(Action.CONFLICT, Propagation.decide(own, desired));
    // an own object that happens to be equal is still the tenant's
    ObjectNode ownEqual = desired.deepCopy();
    ownEqual.with("metadata").with("labels").remove(Propagation.ORIGIN_LABEL);
    assertEquals(Action.CONFLICT, Propagation.decide(ownEqual, desired));
  }

  @Test
  void theWorkspaceSelector() {
    assertTrue(Propagation.selects(SOURCE, Map.of("env", "prod")));
    assertFalse(Propagation.selects(SOURCE, Map.of("env", "dev")));
    assertFalse(Propagation.selects(SOURCE, Map.of()));
    ObjectNode plain = json("{\"metadata\":{\"name\":\"x\"}}");
    assertTrue(Propagation.selects(plain, Map.of()));
    ObjectNode set =
        json(
            "{\"metadata\":{\"annotations\":{\"policy.atrium.dev/workspace-selector\":\"tier in (a,b),!legacy\"}}}");
    assertTrue(Propagation.selects(set, Map.of("tier", "a")));
    assertFalse(Propagation.selects(set, Map.of("tier", "a", "legacy", "")));
    ObjectNode broken =
        json(
            "{\"metadata\":{\"annotations\":{\"policy.atrium.dev/workspace-selector\":\"a in (\"}}}");
    assertFalse(
        Propagation.selects(broken, Map.of("a", "b")), "an unparsable selector selects nothing");
  }

  @Test
  void theNearestSelectingAncestorDecides() {
    Map<String, String> sources = Map.of("root", "from-root", "root:a", "from-a");
    assertEquals(Optional.of("from-a"), Propagation.nearest("root:a:b:c", sources::get, s -> true));
    assertEquals(
        Optional.of("from-root"),
        Propagation.nearest("root:a:b", sources::get, s -> !s.equals("from-a")));
    assertEquals(Optional.of("from-root"), Propagation.nearest("root:a", sources::get, s -> true));
    assertEquals(Optional.empty(), Propagation.nearest("root", sources::get, s -> true));
    assertEquals(List.of("root:a:b", "root:a", "root"), Propagation.ancestors("root:a:b:c"));
  }

  @Test
  void onlyTheListedKindsPropagate() {
    assertTrue(Propagation.kindIndex("rbac.authorization.k8s.io", "clusterroles") >= 0);
    assertTrue(Propagation.kindIndex("", "limitranges") >= 0);
    assertTrue(Propagation.kindIndex("networking.k8s.io", "networkpolicies") >= 0);
    assertTrue(Propagation.kindIndex("apiextensions.k8s.io", "customresourcedefinitions") >= 0);
    assertEquals(-1, Propagation.kindIndex("", "pods"));
    assertEquals(-1, Propagation.kindIndex("rbac.authorization.k8s.io", "rolebindings"));
  }

  @Test
  void conflictEventsAreNamedAfterWhatTheyAreAbout() {
    Propagation.Kind kind = Propagation.KINDS.get(0);
    ObjectKey target = new ObjectKey("root:org:t", kind.group(), kind.plural(), "", "system:x");
    ObjectNode e =
        Propagation.conflictEvent("default", kind, target, "root:org", target, "m", "now");
    ObjectNode again =
        Propagation.conflictEvent("default", kind, target, "root:org", target, "m", "later");
    assertEquals(e.at("/metadata/name"), again.at("/metadata/name"));
    assertTrue(e.at("/metadata/name").asText().matches("propagation-conflict\\.[0-9a-f]{16}"));
    assertEquals("PropagationConflict", e.path("reason").asText());
    assertEquals("ClusterRole", e.at("/involvedObject/kind").asText());
    ObjectKey other = new ObjectKey("root:org:u", kind.group(), kind.plural(), "", "system:x");
    assertFalse(
        e.at("/metadata/name")
            .equals(
                Propagation.conflictEvent("default", kind, target, "root:org", other, "m", "now")
                    .at("/metadata/name")));
  }
}
