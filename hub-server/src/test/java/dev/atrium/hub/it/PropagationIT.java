package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Propagation down the workspace tree through real HTTP and kubectl: copies in existing and new
 * descendants (a new workspace is Ready with them), a tenant's edit, delete or unlabelling put
 * back, source changes followed, copies removed with the source and with its label, conflicts left
 * alone and reported, the workspace selector, CRDs established below, and RBAC neither doubled nor
 * widened by copied bindings.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropagationIT {

  private static final String ORG = "root:propit";
  private static final String PROD = ORG + ":prod";
  private static final String DEV = ORG + ":dev";
  private static final String DEEP = PROD + ":deep";
  private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1/clusterroles/";
  private static final String WS = "/apis/tenancy.atrium.dev/v1alpha1/workspaces/";

  private HubHttp http;
  private String admin;
  private Kubectl k;

  @BeforeAll
  void setUp() throws Exception {
    assumeTrue(Kubectl.available("1.33"), "kubectl 1.33 not installed");
    k = new Kubectl("1.33");
    http = new HubHttp();
    admin = TestHub.adminToken();
    workspace("root", "propit", "{}");
    workspace(ORG, "prod", "{\"env\":\"prod\"}");
    workspace(ORG, "dev", "{\"env\":\"dev\"}");
    workspace(PROD, "deep", "{}");
  }

  private JsonNode workspace(String parent, String name, String labels) {
    HubHttp.Resp r =
        http.post(
            admin,
            "/clusters/" + parent + "/apis/tenancy.atrium.dev/v1alpha1/workspaces",
            "{\"apiVersion\":\"tenancy.atrium.dev/v1alpha1\",\"kind\":\"Workspace\","
                + "\"metadata\":{\"name\":\""
                + name
                + "\",\"labels\":"
                + labels
                + "}}");
    assertTrue(r.code() == 201 || r.code() == 409, r.toString());
    return eventually(
            () -> http.get(admin, "/clusters/" + parent + WS + name),
            g -> "Ready".equals(g.json().path("status").path("phase").asText()))
        .json();
  }

  private String server(String path) {
    return "--server=" + TestHub.url() + "/clusters/" + path;
  }

  private Kubectl.Result in(String path, String stdin, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = server(path);
    System.arraycopy(args, 0, all, 1, args.length);
    return stdin == null ? k.run(all) : k.runWithInput(stdin, all);
  }

  private static String clusterRole(String name, String verbs, String extraMeta) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
        + "metadata: {name: "
        + name
        + ", labels: {policy.atrium.dev/propagate: \"true\"}"
        + extraMeta
        + "}\nrules:\n- {apiGroups: [\"\"], resources: [configmaps], verbs: "
        + verbs
        + "}\n";
  }

  private HubHttp.Resp role(String path, String name) {
    return http.get(admin, "/clusters/" + path + RBAC + name);
  }

  private JsonNode has(String path, String name) {
    return eventually(() -> role(path, name), r -> r.code() == 200).json();
  }

  private void gone(String path, String name) {
    eventually(() -> role(path, name), r -> r.code() == 404);
  }

  @Test
  void copiedIntoExistingAndNewDescendantsWithTheirOrigin() {
    contains(
        in(ORG, clusterRole("pit-reader", "[get, list]", ""), "create", "-f", "-").ok(), "created");
    for (String path : new String[] {PROD, DEV, DEEP}) {
      JsonNode copy = has(path, "pit-reader");
      assertEquals(
          "root_propit", copy.at("/metadata/labels/policy.atrium.dev~1origin").asText(), path);
      assertFalse(copy.at("/metadata/labels").has("policy.atrium.dev/propagate"), path);
      assertEquals("[\"get\",\"list\"]", copy.at("/rules/0/verbs").toString(), path);
    }
    in(ORG, null, "create", "namespace", "default"); // the workspace has it already
    String limits =
        "apiVersion: v1\nkind: LimitRange\nmetadata: {name: pit-limits, labels:"
            + " {policy.atrium.dev/propagate: \"true\"}}\nspec:\n  limits:\n  - type: Container\n"
            + "    default: {cpu: 500m}\n";
    contains(in(ORG, limits, "-n", "default", "create", "-f", "-").ok(), "created");
    eventually(
        () ->
            http.get(
                admin, "/clusters/" + DEEP + "/api/v1/namespaces/default/limitranges/pit-limits"),
        r -> r.code() == 200);

    // a new workspace is Ready only with its copies: list at the Ready write's revision
    JsonNode late = workspace(PROD, "late", "{}");
    String ready = late.at("/metadata/resourceVersion").asText();
    String path = PROD + ":late";
    HubHttp.Resp roles =
        http.get(
            admin,
            "/clusters/"
                + path
                + "/apis/rbac.authorization.k8s.io/v1/clusterroles?resourceVersionMatch=Exact"
                + "&resourceVersion="
                + ready);
    assertEquals(200, roles.code(), roles.toString());
    assertTrue(roles.body().contains("\"name\":\"pit-reader\""), roles.body());
    HubHttp.Resp limitsAtReady =
        http.get(
            admin,
            "/clusters/"
                + path
                + "/api/v1/namespaces/default/limitranges?resourceVersionMatch=Exact"
                + "&resourceVersion="
                + ready);
    assertTrue(limitsAtReady.body().contains("\"name\":\"pit-limits\""), limitsAtReady.body());
  }

  @Test
  void aTenantsEditDeleteOrUnlabellingIsPutBack() {
    in(ORG, clusterRole("pit-fixed", "[get]", ""), "create", "-f", "-").ok();
    has(DEV, "pit-fixed");
    in(
            DEV,
            null,
            "patch",
            "clusterrole",
            "pit-fixed",
            "--type=json",
            "-p",
            "[{\"op\":\"replace\",\"path\":\"/rules/0/verbs\",\"value\":[\"*\"]}]")
        .ok();
    eventually(
        () -> role(DEV, "pit-fixed"),
        r -> r.json().at("/rules/0/verbs").toString().equals("[\"get\"]"));
    in(DEV, null, "delete", "clusterrole", "pit-fixed").ok();
    has(DEV, "pit-fixed");
    in(DEV, null, "label", "clusterrole", "pit-fixed", "policy.atrium.dev/origin-").ok();
    eventually(
        () -> role(DEV, "pit-fixed"),
        r -> r.json().at("/metadata/labels").has("policy.atrium.dev/origin"));
    in(DEV, null, "label", "clusterrole", "pit-fixed", "extra=tenant").ok();
    eventually(() -> role(DEV, "pit-fixed"), r -> !r.json().at("/metadata/labels").has("extra"));
  }

  @Test
  void sourceChangesReachCopiesAndCopiesGoWithTheSourceOrItsLabel() {
    in(ORG, clusterRole("pit-life", "[get]", ""), "create", "-f", "-").ok();
    has(DEEP, "pit-life");
    in(
            ORG,
            null,
            "patch",
            "clusterrole",
            "pit-life",
            "--type=json",
            "-p",
            "[{\"op\":\"add\",\"path\":\"/rules/0/verbs/-\",\"value\":\"watch\"}]")
        .ok();
    eventually(
        () -> role(DEEP, "pit-life"),
        r -> r.json().at("/rules/0/verbs").toString().contains("watch"));
    in(ORG, null, "label", "clusterrole", "pit-life", "policy.atrium.dev/propagate-").ok();
    gone(DEEP, "pit-life");
    gone(DEV, "pit-life");
    assertEquals(200, role(ORG, "pit-life").code(), "the source itself stays");
    in(ORG, null, "label", "clusterrole", "pit-life", "policy.atrium.dev/propagate=true").ok();
    has(DEV, "pit-life");
    in(ORG, null, "delete", "clusterrole", "pit-life").ok();
    gone(DEV, "pit-life");
    gone(DEEP, "pit-life");
  }

  @Test
  void aDescendantsOwnObjectIsLeftAloneAndTheConflictReported() {
    in(DEV, null, "create", "clusterrole", "pit-mine", "--verb=delete", "--resource=pods").ok();
    in(ORG, clusterRole("pit-mine", "[get]", ""), "create", "-f", "-").ok();
    has(PROD, "pit-mine");
    HubHttp.Resp events =
        eventually(
            () -> http.get(admin, "/clusters/" + DEV + "/api/v1/namespaces/default/events"),
            r -> r.body().contains("PropagationConflict"));
    assertTrue(events.body().contains("pit-mine"), events.body());
    JsonNode own = role(DEV, "pit-mine").json();
    assertFalse(own.at("/metadata/labels").has("policy.atrium.dev/origin"), own.toString());
    assertEquals("[\"delete\"]", own.at("/rules/0/verbs").toString());
    HubHttp.Resp atSource =
        eventually(
            () -> http.get(admin, "/clusters/" + ORG + "/api/v1/namespaces/default/events"),
            r -> r.body().contains(DEV) && r.body().contains("PropagationConflict"));
    assertTrue(atSource.body().contains("pit-mine"), atSource.body());
    contains(in(DEV, null, "get", "events", "-n", "default").ok(), "PropagationConflict");
    // the own object goes: the copy comes
    in(DEV, null, "delete", "clusterrole", "pit-mine").ok();
    JsonNode copy =
        eventually(
                () -> role(DEV, "pit-mine"),
                r ->
                    r.code() == 200
                        && r.json().at("/metadata/labels").has("policy.atrium.dev/origin"),
                40)
            .json();
    assertEquals("[\"get\"]", copy.at("/rules/0/verbs").toString());
  }

  @Test
  void theWorkspaceSelectorNarrowsWhereItGoes() {
    String meta = ", annotations: {policy.atrium.dev/workspace-selector: \"env=prod\"}";
    in(ORG, clusterRole("pit-prod-only", "[get]", meta), "create", "-f", "-").ok();
    has(PROD, "pit-prod-only");
    sleep(1000);
    assertEquals(404, role(DEV, "pit-prod-only").code());
    assertEquals(404, role(DEEP, "pit-prod-only").code(), "deep has no env label");
    http.mergePatch(
        admin, "/clusters/" + ORG + WS + "dev", "{\"metadata\":{\"labels\":{\"env\":\"prod\"}}}");
    has(DEV, "pit-prod-only");
    http.mergePatch(
        admin, "/clusters/" + ORG + WS + "dev", "{\"metadata\":{\"labels\":{\"env\":\"dev\"}}}");
    gone(DEV, "pit-prod-only");
  }

  @Test
  void aPropagatedCrdIsEstablishedAndServedBelow() {
    String crd =
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
            + "metadata: {name: budgets.pit.example.com, labels: {policy.atrium.dev/propagate: \"true\"}}\n"
            + "spec:\n  group: pit.example.com\n  scope: Namespaced\n"
            + "  names: {plural: budgets, singular: budget, kind: Budget}\n  versions:\n"
            + "  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object,"
            + " x-kubernetes-preserve-unknown-fields: true}}}\n";
    in(ORG, crd, "apply", "-f", "-").ok();
    String path =
        "/clusters/"
            + DEEP
            + "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/budgets.pit.example.com";
    eventually(() -> http.get(admin, path), r -> r.code() == 200 && established(r.json()));
    Kubectl.Result served =
        eventuallyK(
            () -> in(DEEP, null, "api-resources", "--api-group=pit.example.com"),
            r -> r.output().contains("budgets"));
    contains(served.ok(), "budgets");
  }

  @Test
  void copiedBindingsGrantOnlyThroughInheritanceAndFollowTheSelector() {
    String binding =
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
            + "metadata: {name: pit-viewers, labels: {policy.atrium.dev/propagate: \"true\"},"
            + " annotations: {policy.atrium.dev/workspace-selector: \"env=prod\"}}\n"
            + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n"
            + "subjects:\n- {apiGroup: rbac.authorization.k8s.io, kind: User, name: pit-user}\n";
    in(ORG, binding, "create", "-f", "-").ok();
    eventually(
        () ->
            http.get(
                admin,
                "/clusters/"
                    + PROD
                    + "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/pit-viewers"),
        r -> r.code() == 200);
    assertEquals(
        "yes", eventuallyK(() -> canI(PROD), r -> r.output().trim().equals("yes")).output().trim());
    assertEquals("no", canI(DEV).output().trim(), "not selected, not granted");
    assertEquals("no", canI(DEEP).output().trim(), "deep has no env label");
    // a tenant's copy-like binding in a workspace the selector excludes grants (it is their own);
    // a copy never grants by itself: with the source gone, nothing is left
    in(ORG, null, "delete", "clusterrolebinding", "pit-viewers").ok();
    assertEquals(
        "no", eventuallyK(() -> canI(PROD), r -> r.output().trim().equals("no")).output().trim());
  }

  /** A SubjectAccessReview for pit-user in {@code path}, as kubectl auth can-i prints it. */
  private Kubectl.Result canI(String path) {
    HubHttp.Resp r =
        http.post(
            admin,
            "/clusters/" + path + "/apis/authorization.k8s.io/v1/subjectaccessreviews",
            "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\","
                + "\"spec\":{\"user\":\"pit-user\",\"resourceAttributes\":{\"namespace\":"
                + "\"default\",\"verb\":\"list\",\"resource\":\"configmaps\"}}}");
    assertTrue(r.code() == 200 || r.code() == 201, r.toString());
    return new Kubectl.Result(0, r.json().at("/status/allowed").asBoolean() ? "yes" : "no");
  }

  private static boolean established(JsonNode crd) {
    for (JsonNode c : crd.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Established")) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }

  // --- helpers -------------------------------------------------------------------------------

  private static HubHttp.Resp eventually(Supplier<HubHttp.Resp> run, Predicate<HubHttp.Resp> done) {
    return eventually(run, done, 80);
  }

  private static HubHttp.Resp eventually(
      Supplier<HubHttp.Resp> run, Predicate<HubHttp.Resp> done, int tries) {
    HubHttp.Resp last = null;
    for (int i = 0; i < tries; i++) {
      last = run.get();
      if (done.test(last)) {
        return last;
      }
      sleep(250);
    }
    throw new AssertionError("never reached: " + last);
  }

  private static Kubectl.Result eventuallyK(
      Supplier<Kubectl.Result> run, Predicate<Kubectl.Result> done) {
    Kubectl.Result last = null;
    for (int i = 0; i < 80; i++) {
      last = run.get();
      if (done.test(last)) {
        return last;
      }
      sleep(250);
    }
    return last;
  }

  private static void contains(Kubectl.Result result, String expected) {
    assertTrue(result.output().contains(expected), result.output());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
