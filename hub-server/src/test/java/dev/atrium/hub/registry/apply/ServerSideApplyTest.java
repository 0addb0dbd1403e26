package dev.atrium.hub.registry.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSideApplyTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final FieldSchema DEPLOYMENT = FieldSchema.forKind("apps", "v1", "Deployment");

  static ObjectNode object(String singleQuoted) {
    try {
      return (ObjectNode) MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(singleQuoted, e);
    }
  }

  static ObjectNode deployment(int replicas, String containers) {
    return object(
        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'app':'web'}},"
            + "'spec':{'replicas':"
            + replicas
            + ",'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':{'labels':{'app':'web'}},"
            + "'spec':{'containers':["
            + containers
            + "]}}}}");
  }

  static final String NGINX =
      "{'name':'nginx','image':'nginx:1.25','ports':[{'containerPort':80,'protocol':'TCP'}]}";
  static final String SIDECAR = "{'name':'sidecar','image':'busybox'}";

  private static ObjectNode ok(ApplyResult r) {
    assertFalse(r.conflicted(), () -> "unexpected conflicts " + r.conflicts());
    return r.object();
  }

  private static ManagedEntry entry(ObjectNode o, String manager, String operation) {
    return ManagedFieldsCodec.read(o).stream()
        .filter(e -> e.manager().equals(manager) && e.operation().equals(operation))
        .findFirst()
        .orElse(null);
  }

  private static List<String> fieldsOf(ObjectNode o, String manager, String operation) {
    ManagedEntry e = entry(o, manager, operation);
    return e == null ? List.of() : e.fields().paths().stream().map(PathElements::display).toList();
  }

  @Test
  void applyCreatesAndOwnsAllAppliedFields() {
    ObjectNode o =
        ok(ServerSideApply.apply(null, deployment(2, NGINX), "kubectl", false, DEPLOYMENT));
    assertEquals(2, o.at("/spec/replicas").asInt());
    assertEquals("nginx:1.25", o.at("/spec/template/spec/containers/0/image").asText());
    JsonNode mf = o.at("/metadata/managedFields");
    assertEquals(1, mf.size());
    assertEquals("kubectl", mf.get(0).path("manager").asText());
    assertEquals("Apply", mf.get(0).path("operation").asText());
    assertEquals("apps/v1", mf.get(0).path("apiVersion").asText());
    assertEquals("FieldsV1", mf.get(0).path("fieldsType").asText());
    assertFalse(mf.get(0).path("time").asText().isEmpty());
    JsonNode f = mf.get(0).path("fieldsV1");
    assertTrue(f.at("/f:spec/f:replicas").isObject());
    assertTrue(f.at("/f:metadata/f:labels/f:app").isObject());
    assertTrue(f.path("f:metadata").path("f:name").isMissingNode());
    JsonNode nginx = f.at("/f:spec/f:template/f:spec/f:containers").get("k:{\"name\":\"nginx\"}");
    assertTrue(nginx.has("."));
    assertTrue(nginx.has("f:image"));
    assertTrue(
        nginx.path("f:ports").has("k:{\"containerPort\":80,\"protocol\":\"TCP\"}"),
        nginx::toString);
    assertTrue(
        fieldsOf(o, "kubectl", "Apply")
            .contains(".spec.template.spec.containers[name=\"nginx\"].image"));
  }

  @Test
  void reapplyWithoutAContainerRemovesIt() {
    ObjectNode o =
        ok(
            ServerSideApply.apply(
                null, deployment(2, NGINX + "," + SIDECAR), "kubectl", false, DEPLOYMENT));
    assertEquals(2, o.at("/spec/template/spec/containers").size());
    ObjectNode again =
        ok(ServerSideApply.apply(o, deployment(2, NGINX), "kubectl", false, DEPLOYMENT));
    assertEquals(1, again.at("/spec/template/spec/containers").size());
    assertEquals("nginx", again.at("/spec/template/spec/containers/0/name").asText());
    assertFalse(fieldsOf(again, "kubectl", "Apply").stream().anyMatch(p -> p.contains("sidecar")));
  }

  @Test
  void anotherManagerChangingReplicasConflicts() {
    ObjectNode o =
        ok(ServerSideApply.apply(null, deployment(2, NGINX), "kubectl", false, DEPLOYMENT));
    ObjectNode other =
        object(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':5}}");
    ApplyResult r = ServerSideApply.apply(o, other, "other", false, DEPLOYMENT);
    assertTrue(r.conflicted());
    assertEquals(List.of(new Conflict("\"kubectl\"", ".spec.replicas")), r.conflicts());
    assertEquals(
        "Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas",
        Conflict.message(r.conflicts()));
  }

  @Test
  void conflictWithAnUpdateManagerNamesItsApiVersion() {
    ObjectNode created = deployment(2, NGINX);
    ManagedFields.recordUpdate(null, created, "kubectl-client-side-apply", "", DEPLOYMENT);
    ObjectNode other =
        object(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':3}}");
    ApplyResult r = ServerSideApply.apply(created, other, "kubectl", false, DEPLOYMENT);
    assertEquals(
        "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas",
        Conflict.message(r.conflicts()));
  }

  @Test
  void sameValueSharesOwnership() {
    ObjectNode o =
        ok(ServerSideApply.apply(null, deployment(2, NGINX), "kubectl", false, DEPLOYMENT));
    ObjectNode other =
        object(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':2}}");
    ObjectNode shared = ok(ServerSideApply.apply(o, other, "other", false, DEPLOYMENT));
    assertTrue(fieldsOf(shared, "kubectl", "Apply").contains(".spec.replicas"));
    assertEquals(List.of(".spec.replicas"), fieldsOf(shared, "other", "Apply"));
  }

  @Test
  void forceTakesOwnership() {
    ObjectNode o =
        ok(ServerSideApply.apply(null, deployment(2, NGINX), "kubectl", false, DEPLOYMENT));
    ObjectNode other =
        object(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':5}}");
    ObjectNode forced = ok(ServerSideApply.apply(o, other, "other", true, DEPLOYMENT));
    assertEquals(5, forced.at("/spec/replicas").asInt());
    assertFalse(fieldsOf(forced, "kubectl", "Apply").contains(".spec.replicas"));
    assertEquals(List.of(".spec.replicas"), fieldsOf(forced, "other", "Apply"));
    // the first manager no longer owns replicas: applying it again without replicas keeps 5
    ObjectNode noReplicas = deployment(2, NGINX);
    ((ObjectNode) noReplicas.get("spec")).remove("replicas");
    ObjectNode again = ok(ServerSideApply.apply(forced, noReplicas, "kubectl", false, DEPLOYMENT));
    assertEquals(5, again.at("/spec/replicas").asInt());
  }

  @Test
  void containersMergeByName() {
    ObjectNode o =
        ok(
            ServerSideApply.apply(
                null, deployment(2, NGINX + "," + SIDECAR), "kubectl", false, DEPLOYMENT));
    ObjectNode extra =
        object(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'template':{'spec':"
                + "{'containers':[{'name':'logger','image':'fluentd'}]}}}}");
    ObjectNode merged = ok(ServerSideApply.apply(o, extra, "other", false, DEPLOYMENT));
    JsonNode containers = merged.at("/spec/template/spec/containers");
    assertEquals(3, containers.size());
    assertEquals("nginx", containers.get(0).path("name").asText());
    assertEquals("sidecar", containers.get(1).path("name").asText());
    assertEquals("logger", containers.get(2).path("name").asText());
    assertEquals(
        List.of(
            ".spec.template.spec.containers[name=\"logger\"]",
            ".spec.template.spec.containers[name=\"logger\"].image",
            ".spec.template.spec.containers[name=\"logger\"].name"),
        fieldsOf(merged, "other", "Apply"));
    ObjectNode clash =
        object(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'template':{'spec':"
                + "{'containers':[{'name':'nginx','image':'nginx:1.27'}]}}}}");
    ApplyResult r = ServerSideApply.apply(merged, clash, "other", false, DEPLOYMENT);
    assertEquals(
        List.of(
            new Conflict("\"kubectl\"", ".spec.template.spec.containers[name=\"nginx\"].image")),
        r.conflicts());
  }

  @Test
  void labelsAreOwnedKeyByKey() {
    ObjectNode a =
        object("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','labels':{'a':'1'}}}");
    ObjectNode b =
        object("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','labels':{'b':'2'}}}");
    FieldSchema cm = FieldSchema.forKind("", "v1", "ConfigMap");
    ObjectNode o = ok(ServerSideApply.apply(null, a, "m1", false, cm));
    o = ok(ServerSideApply.apply(o, b, "m2", false, cm));
    assertEquals(object("{'a':'1','b':'2'}"), o.at("/metadata/labels"));
    assertEquals(List.of(".metadata.labels.a"), fieldsOf(o, "m1", "Apply"));
    assertEquals(List.of(".metadata.labels.b"), fieldsOf(o, "m2", "Apply"));
    ObjectNode none =
        object("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'k':'v'}}");
    o = ok(ServerSideApply.apply(o, none, "m1", false, cm));
    assertEquals(object("{'b':'2'}"), o.at("/metadata/labels"));
    assertEquals(List.of(".data.k"), fieldsOf(o, "m1", "Apply"));
  }

  @Test
  void updateAfterApplyMovesChangedFields() {
    ObjectNode o =
        ok(ServerSideApply.apply(null, deployment(2, NGINX), "kubectl", false, DEPLOYMENT));
    ObjectNode edited = o.deepCopy();
    ((ObjectNode) edited.get("spec")).put("replicas", 7);
    ((ObjectNode) edited.at("/metadata/labels")).put("tier", "web");
    ManagedFields.recordUpdate(o, edited, "kubectl-edit", "", DEPLOYMENT);
    assertFalse(fieldsOf(edited, "kubectl", "Apply").contains(".spec.replicas"));
    assertTrue(fieldsOf(edited, "kubectl", "Apply").contains(".metadata.labels.app"));
    assertEquals(
        List.of(".metadata.labels.tier", ".spec.replicas"),
        fieldsOf(edited, "kubectl-edit", "Update"));
    // now another apply of replicas by kubectl conflicts with the editor
    ApplyResult r =
        ServerSideApply.apply(edited, deployment(2, NGINX), "kubectl", false, DEPLOYMENT);
    assertEquals(
        List.of(new Conflict("\"kubectl-edit\" using apps/v1", ".spec.replicas")), r.conflicts());
  }

  @Test
  void createOwnsEverythingAndUnchangedUpdateKeepsTime() {
    ObjectNode created = deployment(1, NGINX);
    ManagedFields.recordUpdate(null, created, "kubectl-create", "", DEPLOYMENT);
    List<String> owned = fieldsOf(created, "kubectl-create", "Update");
    assertTrue(owned.contains(".metadata.labels"), owned::toString);
    assertTrue(owned.contains(".spec.replicas"));
    assertTrue(owned.contains(".spec.template.spec.containers[name=\"nginx\"]"));
    assertFalse(owned.contains(".metadata.name"));
    ObjectNode same = created.deepCopy();
    ManagedFields.recordUpdate(created, same, "other", "", DEPLOYMENT);
    assertEquals(created.at("/metadata/managedFields"), same.at("/metadata/managedFields"));
  }

  @Test
  void clientWrittenManagedFieldsAreHonouredAndResetClears() {
    ObjectNode created = deployment(1, NGINX);
    ManagedFields.recordUpdate(null, created, "kubectl-client-side-apply", "", DEPLOYMENT);
    ObjectNode migrated = created.deepCopy();
    ObjectNode entry = (ObjectNode) migrated.at("/metadata/managedFields/0");
    entry.put("manager", "kubectl").put("operation", "Apply");
    ManagedFields.recordUpdate(created, migrated, "kubectl", "", DEPLOYMENT);
    assertEquals(1, migrated.at("/metadata/managedFields").size());
    assertEquals("kubectl", migrated.at("/metadata/managedFields/0/manager").asText());
    assertEquals("Apply", migrated.at("/metadata/managedFields/0/operation").asText());

    ObjectNode reset = created.deepCopy();
    reset.with("metadata").putArray("managedFields").addObject();
    ManagedFields.recordUpdate(created, reset, "kubectl-patch", "", DEPLOYMENT);
    assertNull(reset.at("/metadata").get("managedFields"));

    ObjectNode omitted = created.deepCopy();
    omitted.with("metadata").remove("managedFields");
    ManagedFields.recordUpdate(created, omitted, "kubectl-replace", "", DEPLOYMENT);
    assertEquals(created.at("/metadata/managedFields"), omitted.at("/metadata/managedFields"));
  }

  @Test
  void customResourcesAreGranularObjectsWithAtomicLists() {
    FieldSchema unknown = FieldSchema.forKind("example.com", "v1", "Widget");
    ObjectNode w =
        object(
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w','finalizers':['a']},"
                + "'spec':{'size':1,'tags':['x','y']}}");
    ObjectNode o = ok(ServerSideApply.apply(null, w, "m", false, unknown));
    assertEquals(
        List.of(".metadata.finalizers[=\"a\"]", ".spec.size", ".spec.tags"),
        fieldsOf(o, "m", "Apply"));
    ObjectNode created = w.deepCopy();
    ManagedFields.recordUpdate(null, created, "c", "", unknown);
    assertTrue(fieldsOf(created, "c", "Update").contains(".spec"));
  }
}
