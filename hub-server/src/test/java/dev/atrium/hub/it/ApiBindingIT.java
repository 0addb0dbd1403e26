package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * APIExport/APIBinding over real HTTP and real kubectl: a provider's CRD served in binders
 * (discovery, explain, defaults, validation), the provider's view over all binders, the bind
 * permission, name clashes refused, a provider CRD change reaching binders, and instances deleted
 * with their binding.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiBindingIT {

  private static final String T = "root:apiit";
  private static final String P = T + ":prov";
  private static final String BINDINGS = "/apis/apis.atrium.dev/v1alpha1/apibindings";
  private static final String VIEW =
      "/services/apiexport/" + P + "/gadgets/clusters/*/apis/prov.it.example.com/v1/gadgets";

  private HubHttp http;
  private String admin;
  private final Kubectl kubectl = new Kubectl(Kubectl.available("1.33") ? "1.33" : "1.29");

  @BeforeAll
  void setUp() throws Exception {
    http = new HubHttp();
    admin = TestHub.adminToken();
    workspace("root", "apiit");
    for (String w : new String[] {"prov", "b1", "b2", "clash"}) {
      workspace(T, w);
    }
    crd(P, "gadgets", "How big a gadget is.");
    HubHttp.Resp export =
        http.post(
            admin,
            "/clusters/" + P + "/apis/apis.atrium.dev/v1alpha1/apiexports",
            "{\"apiVersion\":\"apis.atrium.dev/v1alpha1\",\"kind\":\"APIExport\",\"metadata\":{\"name\":\"gadgets\"},"
                + "\"spec\":{\"resources\":[{\"group\":\"prov.it.example.com\",\"resource\":\"gadgets\"}]}}");
    assertEquals(201, export.code(), export.toString());
  }

  private void workspace(String parent, String name) {
    http.readyWorkspace(admin, parent, name);
    http.post(
        admin,
        "/clusters/" + parent + ":" + name + "/api/v1/namespaces",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team\"}}");
  }

  private void crd(String ws, String plural, String description) {
    String body =
        "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\","
            + "\"metadata\":{\"name\":\""
            + plural
            + ".prov.it.example.com\"},\"spec\":{\"group\":\"prov.it.example.com\","
            + "\"scope\":\"Namespaced\",\"names\":{\"plural\":\""
            + plural
            + "\",\"singular\":\"gadget\",\"kind\":\"Gadget\"},"
            + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"subresources\":{\"status\":{}},"
            + "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
            + "\"properties\":{\"size\":{\"type\":\"integer\",\"maximum\":10,\"description\":\""
            + description
            + "\"},"
            + "\"tier\":{\"type\":\"string\",\"default\":\"basic\"}}},\"status\":{\"type\":\"object\","
            + "\"properties\":{\"phase\":{\"type\":\"string\"}}}}}}}]}}";
    HubHttp.Resp r =
        http.post(
            admin,
            "/clusters/" + ws + "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            body);
    assertEquals(201, r.code(), r.toString());
  }

  private HubHttp.Resp bind(String ws, String token) {
    return http.post(
        token,
        "/clusters/" + ws + BINDINGS,
        "{\"apiVersion\":\"apis.atrium.dev/v1alpha1\",\"kind\":\"APIBinding\",\"metadata\":{\"name\":\"gadgets\"},"
            + "\"spec\":{\"reference\":{\"export\":{\"path\":\""
            + P
            + "\",\"name\":\"gadgets\"}}}}");
  }

  private JsonNode bound(String ws) {
    return eventually(
            () -> http.get(admin, "/clusters/" + ws + BINDINGS + "/gadgets"),
            r -> "Bound".equals(r.json().path("status").path("phase").asText()))
        .json();
  }

  private HubHttp.Resp gadget(String ws, String name, int size) {
    return http.post(
        admin,
        "/clusters/" + ws + "/apis/prov.it.example.com/v1/namespaces/team/gadgets",
        "{\"apiVersion\":\"prov.it.example.com/v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\""
            + name
            + "\"},\"spec\":{\"size\":"
            + size
            + "}}");
  }

  @Test
  void boundApiIsServedWithTheProvidersSchemaAndTheProviderSeesAllInstances() {
    assertEquals(201, bind(T + ":b1", admin).code());
    assertEquals(201, bind(T + ":b2", admin).code());
    JsonNode b1 = bound(T + ":b1");
    assertEquals(
        "gadgets.prov.it.example.com",
        b1.path("status").path("boundResources").path(0).path("crd").asText());
    bound(T + ":b2");

    Kubectl.Result resources =
        kubectl.run(
            "--server=" + TestHub.url() + "/clusters/" + T + ":b1",
            "api-resources",
            "--api-group=prov.it.example.com");
    assertTrue(resources.output().contains("gadgets"), resources.output());
    Kubectl.Result explain =
        kubectl.run(
            "--server=" + TestHub.url() + "/clusters/" + T + ":b1", "explain", "gadgets.spec.size");
    assertTrue(explain.output().contains("How big a gadget is."), explain.output());

    HubHttp.Resp created = gadget(T + ":b1", "g1", 3);
    assertEquals(201, created.code(), created.toString());
    assertEquals("basic", created.json().path("spec").path("tier").asText(), "provider's default");
    assertEquals(422, gadget(T + ":b1", "big", 50).code(), "provider's validation");
    assertEquals(201, gadget(T + ":b2", "g2", 4).code());
    assertEquals(
        404,
        http.get(
                admin, "/clusters/" + P + "/apis/prov.it.example.com/v1/namespaces/team/gadgets/g1")
            .code(),
        "instances live in the binder");
    assertEquals(404, gadget(T + ":clash", "nope", 1).code(), "not served where not bound");

    JsonNode all = http.get(admin, VIEW).json();
    assertEquals(2, all.path("items").size(), all.toString());
    assertTrue(all.toString().contains("\"atrium.dev/path\":\"" + T + ":b2\""), all.toString());
    HubHttp.Resp status =
        http.mergePatch(
            admin,
            "/services/apiexport/"
                + P
                + "/gadgets/clusters/"
                + T
                + ":b1/apis/prov.it.example.com/v1/namespaces/team/gadgets/g1/status",
            "{\"status\":{\"phase\":\"Ready\"}}");
    assertEquals(200, status.code(), status.toString());
    assertEquals("Ready", status.json().path("status").path("phase").asText());
  }

  @Test
  void bindingNeedsTheBindPermissionInTheProviderWorkspace() {
    String ws = T + ":clash";
    http.post(
        admin,
        "/clusters/" + ws + "/api/v1/namespaces/default/serviceaccounts",
        "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"dev\"}}");
    http.post(
        admin,
        "/clusters/" + ws + "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
        "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRoleBinding\",\"metadata\":{\"name\":\"dev-admin\"},"
            + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"cluster-admin\"},"
            + "\"subjects\":[{\"kind\":\"ServiceAccount\",\"name\":\"dev\",\"namespace\":\"default\"}]}");
    String token =
        http.post(
                admin,
                "/clusters/" + ws + "/api/v1/namespaces/default/serviceaccounts/dev/token",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{}}")
            .json()
            .path("status")
            .path("token")
            .asText();
    HubHttp.Resp refused = eventually(() -> bind(ws, token), r -> r.code() == 403);
    assertTrue(refused.body().contains("cannot bind apiexports"), refused.toString());

    HubHttp.Resp whoami =
        http.post(
            token,
            "/clusters/" + P + "/apis/authentication.k8s.io/v1/selfsubjectreviews",
            "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}");
    assertEquals(201, whoami.code(), whoami.toString());
    String name = whoami.json().path("status").path("userInfo").path("username").asText();
    assertEquals("system:atrium:workspace:" + ws + ":system:serviceaccount:default:dev", name);
    http.post(
        admin,
        "/clusters/" + P + "/apis/rbac.authorization.k8s.io/v1/clusterroles",
        "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\",\"metadata\":{\"name\":\"bind-gadgets\"},"
            + "\"rules\":[{\"apiGroups\":[\"apis.atrium.dev\"],\"resources\":[\"apiexports\"],\"resourceNames\":[\"gadgets\"],\"verbs\":[\"bind\"]}]}");
    http.post(
        admin,
        "/clusters/" + P + "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
        "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRoleBinding\",\"metadata\":{\"name\":\"dev-binds\"},"
            + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"bind-gadgets\"},"
            + "\"subjects\":[{\"kind\":\"User\",\"name\":\""
            + name
            + "\"}]}");
    eventually(() -> bind(ws, token), r -> r.code() == 201);
    bound(ws);
    assertEquals(
        403, http.get(token, VIEW).code(), "a binder's identity cannot use the provider's view");

    HubHttp.Resp gone =
        http.send(admin, "DELETE", "/clusters/" + ws + BINDINGS + "/gadgets", null, null);
    assertEquals(200, gone.code());
    eventually(
        () -> http.get(admin, "/clusters/" + ws + BINDINGS + "/gadgets"), r -> r.code() == 404);
  }

  @Test
  void aLocalCrdOfTheSameResourceIsAClashNotAShadow() {
    String ws = T + ":clashlocal";
    workspace(T, "clashlocal");
    crd(ws, "gadgets", "local");
    assertEquals(201, bind(ws, admin).code());
    JsonNode failed =
        eventually(
                () -> http.get(admin, "/clusters/" + ws + BINDINGS + "/gadgets"),
                r -> "Failed".equals(r.json().path("status").path("phase").asText()))
            .json();
    assertTrue(failed.toString().contains("NameConflict"), failed.toString());
  }

  @Test
  void deletingABindingDeletesItsInstances() {
    String ws = T + ":deleting";
    workspace(T, "deleting");
    assertEquals(201, bind(ws, admin).code());
    bound(ws);
    assertEquals(201, gadget(ws, "doomed", 2).code());
    assertEquals(
        200,
        http.send(admin, "DELETE", "/clusters/" + ws + BINDINGS + "/gadgets", null, null).code());
    eventually(
        () -> http.get(admin, "/clusters/" + ws + BINDINGS + "/gadgets"), r -> r.code() == 404);
    assertEquals(
        404,
        http.get(
                admin,
                "/clusters/" + ws + "/apis/prov.it.example.com/v1/namespaces/team/gadgets/doomed")
            .code());
  }

  private static HubHttp.Resp eventually(Supplier<HubHttp.Resp> run, Predicate<HubHttp.Resp> done) {
    return HubHttp.eventually(run, done);
  }
}
