package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Malformed input as users (and broken clients) send it, over real HTTPS: wrong JSON types for
 * every metadata field and for the typed fields the hub reads, bodies that are not objects, deep
 * nesting, huge strings, bad patches of every patch type, bad apply bodies and bad query
 * parameters, on create, update, patch and apply of configmaps, deployments, namespaces, a CRD and
 * its custom resource, and workspaces. Every answer must be a proper {@code Status} with a 4xx code
 * (or a success, where the input is merely unusual); never a 5xx. Afterwards every kind still
 * lists.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NS = "malformed-it";
  private static final String CRD = "gizmos.malformed.example.com";

  private HttpClient http;
  private final List<String> problems = new ArrayList<>();
  private int sent;
  private int counter;

  /** One kind under test: where it lives and a valid body (name filled in per request). */
  private record Kind(String label, String collection, String body) {
    ObjectNode valid(String name) {
      try {
        ObjectNode o = (ObjectNode) JSON.readTree(body);
        ((ObjectNode) o.get("metadata")).put("name", name);
        return o;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    String item(String name) {
      return collection + "/" + name;
    }
  }

  private final List<Kind> kinds = new ArrayList<>();

  @BeforeAll
  void setUp() throws Exception {
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(TestHub.caCert())) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("hub-ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();

    ok(send("POST", "/api/v1/namespaces", "application/json", nsBody(NS)), 201, 409);
    ok(
        send(
            "POST",
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            "application/json",
            crd()),
        201,
        409);
    for (int i = 0; i < 100; i++) {
      JsonNode crd =
          JSON.readTree(get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + CRD).body);
      if (crd.path("status").toString().contains("\"Established\"")) {
        break;
      }
      Thread.sleep(100);
    }

    kinds.add(
        new Kind(
            "configmap",
            "/api/v1/namespaces/" + NS + "/configmaps",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{},\"data\":{\"a\":\"b\"}}"));
    kinds.add(
        new Kind(
            "deployment",
            "/apis/apps/v1/namespaces/" + NS + "/deployments",
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"labels\":{\"app\":\"web\"}},"
                + "\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.25\"}]}}}}"));
    kinds.add(new Kind("namespace", "/api/v1/namespaces", nsBody("x")));
    kinds.add(
        new Kind(
            "gizmo",
            "/apis/malformed.example.com/v1/namespaces/" + NS + "/gizmos",
            "{\"apiVersion\":\"malformed.example.com/v1\",\"kind\":\"Gizmo\",\"metadata\":{},"
                + "\"spec\":{\"size\":1}}"));
    kinds.add(
        new Kind(
            "workspace",
            "/apis/tenancy.atrium.dev/v1alpha1/workspaces",
            "{\"apiVersion\":\"tenancy.atrium.dev/v1alpha1\",\"kind\":\"Workspace\",\"metadata\":{}}"));
    kinds.add(
        new Kind(
            "crd",
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            crd().replace("\"name\":\"" + CRD + "\"", "\"name\":\"\"")));
    for (Kind kind : kinds) {
      String name = existing(kind);
      ok(send("POST", kind.collection, "application/json", kind.valid(name).toString()), 201, 409);
    }
  }

  private static String existing(Kind kind) {
    return kind.label.equals("crd") ? CRD : "existing-" + kind.label;
  }

  private static String nsBody(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
        + name
        + "\"}}";
  }

  private static String crd() {
    return "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\","
        + "\"metadata\":{\"name\":\""
        + CRD
        + "\"},\"spec\":{\"group\":\"malformed.example.com\",\"scope\":\"Namespaced\","
        + "\"names\":{\"plural\":\"gizmos\",\"singular\":\"gizmo\",\"kind\":\"Gizmo\"},"
        + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
        + "\"subresources\":{\"status\":{}},"
        + "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\",\"properties\":{"
        + "\"spec\":{\"type\":\"object\",\"properties\":{\"size\":{\"type\":\"integer\"}}},"
        + "\"status\":{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}}}}]}}";
  }

  /** Values of the wrong JSON type for a field, by what the field should hold. */
  private static List<String> wrongFor(String field) {
    return switch (field) {
      case "labels", "annotations" ->
          List.of(
              "[]",
              "[\"a\"]",
              "5",
              "true",
              "\"text\"",
              "{\"a\":1}",
              "{\"a\":{}}",
              "{\"a\":[]}",
              "{\"a\":true}");
      case "finalizers" -> List.of("{}", "5", "\"x\"", "[1]", "[{}]", "[[]]", "[true]");
      case "ownerReferences" ->
          List.of(
              "{}",
              "5",
              "\"x\"",
              "[1]",
              "[\"x\"]",
              "[[]]",
              "[{\"apiVersion\":5,\"kind\":[],\"name\":{},\"uid\":true}]",
              "[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"o\",\"uid\":\"u\","
                  + "\"controller\":\"yes\",\"blockOwnerDeletion\":5}]");
      case "managedFields" ->
          List.of(
              "{}",
              "5",
              "\"x\"",
              "[1]",
              "[\"x\"]",
              "[{\"manager\":5,\"operation\":[]}]",
              "[{\"manager\":\"m\",\"operation\":\"Update\",\"fieldsType\":\"FieldsV1\","
                  + "\"fieldsV1\":[]}]",
              "[{\"manager\":\"m\",\"operation\":\"Update\",\"fieldsType\":\"FieldsV1\","
                  + "\"fieldsV1\":{},\"time\":5}]");
      case "generation", "deletionGracePeriodSeconds" ->
          List.of("[]", "{}", "\"x\"", "true", "1.5");
      default -> List.of("[]", "[\"a\"]", "{}", "{\"a\":\"b\"}", "5", "true", "1.5");
    };
  }

  private static final List<String> META_FIELDS =
      List.of(
          "name",
          "namespace",
          "generateName",
          "labels",
          "annotations",
          "finalizers",
          "ownerReferences",
          "managedFields",
          "resourceVersion",
          "uid",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "generation",
          "selfLink");

  /** Whole bodies that are not a usable object. */
  private static List<String> badBodies() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    String deepObject = "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
    return List.of(
        "",
        "[]",
        "[{}]",
        "5",
        "\"text\"",
        "null",
        "true",
        "{",
        "{\"metadata\":",
        "not json at all",
        "\u0000\u0001\u0002",
        "{\"metadata\":[]}",
        "{\"metadata\":5}",
        "{\"metadata\":\"x\"}",
        "{\"metadata\":true}",
        "{\"metadata\":{\"name\":\"x\"},\"apiVersion\":5}",
        "{\"metadata\":{\"name\":\"x\"},\"apiVersion\":[]}",
        "{\"metadata\":{\"name\":\"x\"},\"kind\":{}}",
        "{\"metadata\":{\"name\":\"x\"},\"spec\":" + deep + "}",
        "{\"metadata\":{\"name\":\"x\"},\"spec\":" + deepObject + "}",
        "{\"metadata\":{\"name\":\"" + "n".repeat(100_000) + "\"}}",
        "{\"metadata\":{\"name\":\"x\",\"annotations\":{\"a\":\"" + "v".repeat(400_000) + "\"}}}",
        "{\"metadata\":{\"name\":\"x\",\"labels\":{\"" + "k".repeat(5000) + "\":\"v\"}}}",
        "{\"metadata\":{\"name\":\"x\",\"labels\":{\"a\":\"\\u0000\"}}}",
        "{\"metadata\":{\"name\":\"x\"},\"data\":{\"\\u0000\":\"v\"}}",
        "{\"metadata\":{\"name\":\"x\"},\"spec\":{\"size\":1,\"note\":\"a\\u0000b\"}}");
  }

  /**
   * Bodies that are odd but decodable, which Kubernetes accepts too (duplicate keys only warn;
   * managedFields that do not decode are dropped): a success is fine, a 5xx is not.
   */
  private static List<String> oddBodies() {
    return List.of(
        "{\"metadata\":{\"name\":\"x\"},\"metadata\":{\"name\":\"ODD\"}}",
        "{\"metadata\":{\"name\":\"ODD\",\"managedFields\":[{\"manager\":\"m\","
            + "\"operation\":\"Apply\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:metadata\":5}}]}}",
        "{\"metadata\":{\"name\":\"ODD\",\"labels\":{},\"annotations\":{},\"finalizers\":[],"
            + "\"ownerReferences\":[],\"managedFields\":[]}}");
  }

  /** Per kind, typed fields outside metadata that the hub reads. */
  private static List<Map.Entry<String, String>> typedFields(String kind) {
    List<Map.Entry<String, String>> m = new ArrayList<>();
    switch (kind) {
      case "configmap" -> {
        m.add(Map.entry("data", "[]"));
        m.add(Map.entry("data", "{\"a\":5}"));
        m.add(Map.entry("binaryData", "5"));
        m.add(Map.entry("immutable", "\"yes\""));
      }
      case "deployment" -> {
        m.add(Map.entry("spec", "[]"));
        m.add(Map.entry("spec.replicas", "\"three\""));
        m.add(Map.entry("spec.selector", "5"));
        m.add(Map.entry("spec.template", "[]"));
        m.add(Map.entry("spec.template.spec", "5"));
        m.add(Map.entry("spec.template.spec.containers", "5"));
        m.add(Map.entry("spec.template.metadata", "[]"));
        m.add(Map.entry("status", "[]"));
      }
      case "namespace" -> {
        m.add(Map.entry("spec", "[]"));
        m.add(Map.entry("spec.finalizers", "5"));
        m.add(Map.entry("status", "5"));
      }
      case "gizmo" -> {
        m.add(Map.entry("spec", "[]"));
        m.add(Map.entry("spec.size", "\"big\""));
        m.add(Map.entry("status", "5"));
      }
      case "workspace" -> {
        m.add(Map.entry("spec", "[]"));
        m.add(Map.entry("spec.type", "[]"));
        m.add(Map.entry("spec.type", "{\"name\":5}"));
        m.add(Map.entry("spec.URL", "5"));
        m.add(Map.entry("status", "5"));
        m.add(Map.entry("status.phase", "[]"));
      }
      case "crd" -> {
        m.add(Map.entry("spec", "[]"));
        m.add(Map.entry("spec.group", "5"));
        m.add(Map.entry("spec.names", "[]"));
        m.add(Map.entry("spec.names.plural", "{}"));
        m.add(Map.entry("spec.scope", "[]"));
        m.add(Map.entry("spec.versions", "{}"));
        m.add(Map.entry("spec.versions", "[5]"));
        m.add(Map.entry("spec.versions", "[{\"name\":5,\"served\":\"yes\",\"storage\":[]}]"));
        m.add(
            Map.entry(
                "spec.versions",
                "[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":[]}]"));
        m.add(
            Map.entry(
                "spec.versions",
                "[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
                    + "\"schema\":{\"openAPIV3Schema\":{\"type\":5,\"properties\":[]}}}]"));
        m.add(
            Map.entry(
                "spec.versions",
                "[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":{\"openAPIV3Schema\":"
                    + "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\","
                    + "\"required\":\"size\",\"properties\":{\"size\":{\"type\":\"array\",\"items\":5}}}}}}}]"));
        m.add(
            Map.entry(
                "spec.versions",
                "[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":{\"openAPIV3Schema\":"
                    + "{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":\"yes\","
                    + "\"additionalProperties\":[]}}}]"));
        m.add(Map.entry("status", "[]"));
      }
      default -> {}
    }
    return m;
  }

  /** The reported case: annotations as a JSON array are a 400 naming the field, not a 500. */
  @Test
  void annotationsAsAnArrayAreABadRequest() throws Exception {
    String body =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
            + "\"metadata\":{\"name\":\"arr\",\"annotations\":[\"a\"]}}";
    Resp r = send("POST", "/api/v1/namespaces/" + NS + "/configmaps", "application/json", body);
    assertEquals(400, r.code, r.toString());
    JsonNode s = JSON.readTree(r.body);
    assertEquals("Status", s.path("kind").asText(), r.body);
    assertEquals("BadRequest", s.path("reason").asText(), r.body);
    assertEquals(
        "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: metadata.annotations must"
            + " be an object of strings, not an array",
        s.path("message").asText());
    Resp labels =
        send(
            "POST",
            "/api/v1/namespaces/" + NS + "/configmaps",
            "application/json",
            body.replace("\"annotations\":[\"a\"]", "\"labels\":{\"a b\":\"c\"}"));
    assertEquals(422, labels.code, labels.toString());
    assertTrue(labels.body.contains("metadata.labels: Invalid value: \\\"a b\\\""), labels.body);
  }

  @Test
  void malformedInputNeverGives5xx() throws Exception {
    for (Kind kind : kinds) {
      String target = existing(kind);
      for (String field : META_FIELDS) {
        for (String value : wrongFor(field)) {
          String what = kind.label + " metadata." + field + "=" + abbreviate(value);
          ObjectNode body = kind.valid(fresh());
          ((ObjectNode) body.get("metadata")).set(field, JSON.readTree(value));
          writeAll(kind, target, what, body, true);
          ObjectNode metaPatch = JSON.createObjectNode();
          metaPatch.putObject("metadata").set(field, JSON.readTree(value));
          patch(kind, target, what + " (merge)", "application/merge-patch+json", metaPatch);
          patch(
              kind,
              target,
              what + " (strategic)",
              "application/strategic-merge-patch+json",
              metaPatch);
          ArrayNode json = JSON.createArrayNode();
          json.addObject()
              .put("op", "add")
              .put("path", "/metadata/" + field)
              .set("value", JSON.readTree(value));
          patch(kind, target, what + " (json)", "application/json-patch+json", json);
        }
        // null is allowed for most fields (it means "absent"); only a 5xx is wrong.
        ObjectNode body = kind.valid(fresh());
        ((ObjectNode) body.get("metadata")).putNull(field);
        writeAll(kind, target, kind.label + " metadata." + field + "=null", body, false);
      }
      for (Map.Entry<String, String> typed : typedFields(kind.label)) {
        String what = kind.label + " " + typed.getKey() + "=" + abbreviate(typed.getValue());
        ObjectNode body = kind.valid(fresh());
        set(body, typed.getKey(), JSON.readTree(typed.getValue()));
        writeAll(kind, target, what, body, false);
        ObjectNode merge = JSON.createObjectNode();
        set(merge, typed.getKey(), JSON.readTree(typed.getValue()));
        patch(kind, target, what + " (merge)", "application/merge-patch+json", merge);
      }
      for (String raw : badBodies()) {
        String what = kind.label + " body " + abbreviate(raw);
        expect4xx(what + " (create)", send("POST", kind.collection, "application/json", raw));
        expect4xx(what + " (update)", send("PUT", kind.item(target), "application/json", raw));
        for (String type :
            List.of(
                "application/merge-patch+json",
                "application/strategic-merge-patch+json",
                "application/json-patch+json")) {
          expect4xxOr2xx(what + " (" + type + ")", send("PATCH", kind.item(target), type, raw));
        }
        expect4xx(
            what + " (apply)",
            send(
                "PATCH",
                kind.item(target) + "?fieldManager=corpus&force=true",
                "application/apply-patch+yaml",
                raw));
      }
      for (String odd : oddBodies()) {
        ObjectNode body = kind.valid(fresh());
        ObjectNode given = (ObjectNode) JSON.readTree(odd.replace("ODD", fresh()));
        body.setAll(given);
        String raw =
            odd.startsWith("{\"metadata\":{\"name\":\"x\"},\"metadata\"")
                ? body.toString().replaceFirst("^\\{", "{\"metadata\":{\"name\":\"x\"},")
                : body.toString();
        expect4xxOr2xx(
            kind.label + " odd body " + abbreviate(odd),
            send("POST", kind.collection, "application/json", raw));
      }
      badPatches(kind, target);
      badQueries(kind, target);
      openApiServes("after the " + kind.label + " corpus");
    }
    badSubresources();

    // Nothing malformed got stored: every kind still lists and reads.
    for (Kind kind : kinds) {
      Resp list = get(kind.collection);
      assertEquals(200, list.code, kind.label + " list after the corpus: " + list);
      Resp one = get(kind.item(existing(kind)));
      assertEquals(200, one.code, kind.label + " get after the corpus: " + one);
    }
    System.out.println(
        "malformed-input corpus: " + sent + " requests, " + problems.size() + " problems");
    assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
  }

  /** The OpenAPI v3 index and every document it lists answer 200 (kubectl validates with them). */
  private void openApiServes(String when) throws Exception {
    Resp index = get("/openapi/v3");
    if (index.code != 200) {
      problems.add(index.code + " /openapi/v3 " + when + ": " + abbreviate(index.body));
      return;
    }
    for (var it = JSON.readTree(index.body).path("paths").fields(); it.hasNext(); ) {
      var e = it.next();
      String url = e.getValue().path("serverRelativeURL").asText("/openapi/v3/" + e.getKey());
      Resp doc = get(url);
      if (doc.code != 200) {
        problems.add(doc.code + " " + url + " " + when + ": " + abbreviate(doc.body));
      }
    }
  }

  private void badPatches(Kind kind, String target) throws Exception {
    String item = kind.item(target);
    List<String> jsonPatches =
        List.of(
            "{}",
            "[1]",
            "[\"x\"]",
            "[{}]",
            "[{\"op\":\"bogus\",\"path\":\"/a\"}]",
            "[{\"op\":5,\"path\":\"/a\"}]",
            "[{\"op\":\"add\",\"path\":5,\"value\":1}]",
            "[{\"op\":\"add\",\"path\":\"metadata\",\"value\":1}]",
            "[{\"op\":\"add\",\"value\":1}]",
            "[{\"op\":\"add\",\"path\":\"/metadata/labels/x\"}]",
            "[{\"op\":\"replace\",\"path\":\"/metadata\",\"value\":[]}]",
            "[{\"op\":\"replace\",\"path\":\"/metadata\",\"value\":5}]",
            "[{\"op\":\"remove\",\"path\":\"/metadata\"}]",
            "[{\"op\":\"add\",\"path\":\"\",\"value\":[]}]",
            "[{\"op\":\"replace\",\"path\":\"\",\"value\":5}]",
            "[{\"op\":\"add\",\"path\":\"/metadata/labels/a\",\"value\":5}]",
            "[{\"op\":\"add\",\"path\":\"/metadata/finalizers/-\",\"value\":{}}]",
            "[{\"op\":\"add\",\"path\":\"/metadata/finalizers/99\",\"value\":\"x\"}]",
            "[{\"op\":\"add\",\"path\":\"/metadata/annotations/~2\",\"value\":\"x\"}]",
            "[{\"op\":\"move\",\"from\":\"/nope\",\"path\":\"/a\"}]",
            "[{\"op\":\"copy\",\"from\":5,\"path\":\"/a\"}]",
            "[{\"op\":\"move\",\"from\":\"/metadata\",\"path\":\"/metadata/x\"}]",
            "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"other\"}]",
            "[{\"op\":\"add\",\"path\":\"/spec/x/y/z\",\"value\":1}]",
            "[{\"op\":\"add\",\"path\":\"/a/-1\",\"value\":1}]");
    for (String p : jsonPatches) {
      expect4xxOr2xx(
          kind.label + " json patch " + abbreviate(p),
          send("PATCH", item, "application/json-patch+json", p));
    }
    List<String> strategic =
        List.of(
            "{\"$patch\":\"bogus\"}",
            "{\"$patch\":\"delete\"}",
            "{\"$patch\":\"replace\"}",
            "{\"metadata\":{\"$patch\":\"bogus\"}}",
            "{\"metadata\":{\"$patch\":5}}",
            "{\"metadata\":{\"$patch\":\"delete\"}}",
            "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":5}}",
            "{\"metadata\":{\"$setElementOrder/finalizers\":{}}}",
            "{\"metadata\":{\"$retainKeys\":5}}",
            "{\"metadata\":{\"$retainKeys\":[5]}}",
            "{\"metadata\":{\"finalizers\":[{\"$patch\":\"delete\"}]}}",
            "{\"metadata\":{\"ownerReferences\":[{\"$patch\":\"delete\"}]}}",
            "{\"metadata\":{\"ownerReferences\":[{\"uid\":5,\"$patch\":\"bogus\"}]}}",
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":5}}}}",
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[5]}}}}",
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"$patch\":\"delete\"}]}}}}",
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":5}]}}}}",
            "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":5}}}}",
            "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[5]}}}}",
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":{\"$patch\":\"replace\"}}}}}",
            "{\"spec\":{\"$retainKeys\":[\"x\"],\"x\":1}}",
            "{\"spec\":[]}",
            "{\"spec\":5}",
            "{\"status\":[]}");
    for (String p : strategic) {
      expect4xxOr2xx(
          kind.label + " strategic patch " + abbreviate(p),
          send("PATCH", item, "application/strategic-merge-patch+json", p));
    }
    List<String> applies =
        List.of(
            "- a\n- b\n",
            "a: [\n",
            "just a string",
            "42",
            "null",
            "apiVersion: v1\n",
            "metadata: []\n",
            "metadata: {name: [x]}\n",
            "metadata: {name: " + target + ", annotations: [a]}\n",
            "metadata: {name: " + target + ", labels: 5}\n",
            "metadata: {name: " + target + ", managedFields: [{manager: x}]}\n",
            "metadata: {name: " + target + "}\nspec: []\n",
            "metadata: {name: " + target + "}\nspec: {replicas: [1]}\n",
            "metadata: {name: other}\n",
            "&a [*a]\n",
            "a: !!binary zzz\n",
            "? [a]\n: b\n",
            "{\"metadata\":{\"name\":\"" + target + "\"},\"apiVersion\":5,\"kind\":[]}");
    for (String p : applies) {
      expect4xxOr2xx(
          kind.label + " apply " + abbreviate(p),
          send(
              "PATCH",
              item + "?fieldManager=corpus&force=true",
              "application/apply-patch+yaml",
              p));
      expect4xxOr2xx(
          kind.label + " apply (create) " + abbreviate(p),
          send(
              "PATCH",
              kind.item("apply-" + fresh()) + "?fieldManager=corpus",
              "application/apply-patch+yaml",
              p));
    }
    // apply without fieldManager, with an unknown patch type, with YAML/protobuf garbage
    expect4xx(
        kind.label + " apply without fieldManager",
        send("PATCH", item, "application/apply-patch+yaml", "metadata: {name: x}\n"));
    expect4xx(
        kind.label + " unknown patch type", send("PATCH", item, "application/bogus-patch", "{}"));
    expect4xx(
        kind.label + " create as yaml garbage",
        send("POST", kind.collection, "application/yaml", "a: [\n"));
    expect4xx(
        kind.label + " create as yaml list",
        send("POST", kind.collection, "application/yaml", "- a\n"));
    expect4xx(
        kind.label + " create as protobuf garbage",
        send("POST", kind.collection, "application/vnd.kubernetes.protobuf", "k8s\u0000garbage"));
  }

  private void badQueries(Kind kind, String target) throws Exception {
    String body = kind.valid(fresh()).toString();
    List<String> writeQueries =
        List.of(
            "dryRun=bogus",
            "dryRun=All&dryRun=bogus",
            "fieldValidation=bogus",
            "fieldManager=" + "m".repeat(200),
            "fieldManager=%00",
            "pretty=maybe",
            "force=maybe",
            "resourceVersion=abc");
    for (String q : writeQueries) {
      expect4xxOr2xx(
          kind.label + " create ?" + q,
          send("POST", kind.collection + "?" + q, "application/json", body));
      expect4xxOr2xx(
          kind.label + " merge patch ?" + q,
          send("PATCH", kind.item(target) + "?" + q, "application/merge-patch+json", "{}"));
    }
    List<String> readQueries =
        List.of(
            "limit=-1",
            "limit=abc",
            "limit=99999999999999999999",
            "continue=garbage",
            "continue=eyJ2IjoxfQ",
            "labelSelector=%25%25%25",
            "labelSelector=a+in+(",
            "labelSelector=" + "a".repeat(1000) + "=b",
            "fieldSelector=a==b==c",
            "fieldSelector=metadata.nope=x",
            "resourceVersion=abc",
            "resourceVersion=-5",
            "resourceVersionMatch=bogus",
            "resourceVersionMatch=Exact",
            "resourceVersion=99999999999999999999&resourceVersionMatch=NotOlderThan",
            "timeoutSeconds=abc",
            "watch=maybe",
            "watch=true&timeoutSeconds=-1",
            "watch=true&resourceVersion=abc",
            "watch=true&allowWatchBookmarks=maybe&timeoutSeconds=1",
            "sendInitialEvents=maybe",
            "includeObject=bogus");
    for (String q : readQueries) {
      // A watch that is accepted streams until its timeout: only its status line counts.
      Resp r =
          q.contains("watch=") ? head(kind.collection + "?" + q) : get(kind.collection + "?" + q);
      expect4xxOr2xx(kind.label + " list ?" + q, r);
    }
    List<String> deleteBodies =
        List.of(
            "[]",
            "5",
            "{",
            "{\"preconditions\":[]}",
            "{\"preconditions\":{\"uid\":[]}}",
            "{\"propagationPolicy\":5}",
            "{\"propagationPolicy\":\"Sideways\"}",
            "{\"dryRun\":\"x\"}",
            "{\"dryRun\":[\"bogus\"]}",
            "{\"gracePeriodSeconds\":\"x\"}",
            "{\"orphanDependents\":\"x\"}");
    for (String b : deleteBodies) {
      expect4xxOr2xx(
          kind.label + " delete body " + b,
          send("DELETE", kind.item("absent-" + fresh()), "application/json", b));
    }
    for (String q :
        List.of(
            "propagationPolicy=Sideways",
            "gracePeriodSeconds=abc",
            "dryRun=bogus",
            "orphanDependents=maybe")) {
      expect4xxOr2xx(
          kind.label + " delete ?" + q,
          send("DELETE", kind.item("absent-" + fresh()) + "?" + q, null, null));
      expect4xxOr2xx(
          kind.label + " deletecollection ?" + q + "&labelSelector=nothing%3Dhere",
          send("DELETE", kind.collection + "?" + q + "&labelSelector=nothing%3Dhere", null, null));
    }
  }

  /** status, scale and finalize with bodies of the wrong shape. */
  private void badSubresources() throws Exception {
    String deploy = "/apis/apps/v1/namespaces/" + NS + "/deployments/existing-deployment";
    String gizmo = "/apis/malformed.example.com/v1/namespaces/" + NS + "/gizmos/existing-gizmo";
    String ns = "/api/v1/namespaces/existing-namespace";
    for (String body :
        List.of(
            "[]",
            "5",
            "{\"metadata\":[]}",
            "{\"metadata\":{\"annotations\":[]}}",
            "{\"status\":[]}",
            "{\"status\":5}",
            "{\"spec\":[]}",
            "{\"spec\":{\"replicas\":\"x\"}}",
            "{\"spec\":{\"replicas\":[]}}",
            "{\"spec\":{\"replicas\":1.5}}",
            "{\"spec\":{\"replicas\":-1}}",
            "{\"spec\":{\"replicas\":99999999999999999999}}",
            "{\"spec\":{\"finalizers\":5}}",
            "{\"spec\":{\"finalizers\":[5]}}",
            "{\"spec\":{\"finalizers\":[{}]}}")) {
      for (String path :
          List.of(
              deploy + "/status",
              deploy + "/scale",
              gizmo + "/status",
              ns + "/status",
              ns + "/finalize")) {
        expect4xxOr2xx("PUT " + path + " " + body, send("PUT", path, "application/json", body));
        if (!path.endsWith("/finalize")) {
          expect4xxOr2xx(
              "merge PATCH " + path + " " + body,
              send("PATCH", path, "application/merge-patch+json", body));
        }
      }
      expect4xxOr2xx(
          "apply status " + body,
          send(
              "PATCH",
              gizmo + "/status?fieldManager=corpus&force=true",
              "application/apply-patch+yaml",
              body));
    }
  }

  // --- sending and judging -------------------------------------------------------------------

  /** create, update and apply of {@code body}. */
  private void writeAll(Kind kind, String target, String what, ObjectNode body, boolean mustFail)
      throws Exception {
    Resp created = send("POST", kind.collection, "application/json", body.toString());
    judge(what + " (create)", created, mustFail);
    ObjectNode update = body.deepCopy();
    JsonNode meta = update.get("metadata");
    if (meta instanceof ObjectNode m && !what.contains("metadata.name=")) {
      m.put("name", target);
    }
    judge(
        what + " (update)",
        send("PUT", kind.item(target), "application/json", update.toString()),
        mustFail && !what.contains("metadata.name="));
    judge(
        what + " (apply)",
        send(
            "PATCH",
            kind.item(target) + "?fieldManager=corpus&force=true",
            "application/apply-patch+yaml",
            update.toString()),
        false);
  }

  private void patch(Kind kind, String target, String what, String type, JsonNode patch)
      throws Exception {
    judge(what, send("PATCH", kind.item(target), type, patch.toString()), false);
  }

  private void judge(String what, Resp r, boolean mustFail) {
    if (mustFail) {
      expect4xx(what, r);
    } else {
      expect4xxOr2xx(what, r);
    }
  }

  private void expect4xx(String what, Resp r) {
    if (r.code < 400 || r.code >= 500) {
      problems.add(r.code + " " + what + ": " + abbreviate(r.body));
      return;
    }
    checkStatus(what, r);
  }

  private void expect4xxOr2xx(String what, Resp r) {
    if (r.code >= 200 && r.code < 300) {
      return;
    }
    expect4xx(what, r);
  }

  private void checkStatus(String what, Resp r) {
    JsonNode s;
    try {
      s = JSON.readTree(r.body);
    } catch (Exception e) {
      problems.add(r.code + " " + what + ": not JSON: " + abbreviate(r.body));
      return;
    }
    boolean proper =
        s != null
            && "Status".equals(s.path("kind").asText())
            && "v1".equals(s.path("apiVersion").asText())
            && "Failure".equals(s.path("status").asText())
            && s.path("code").asInt() == r.code
            && !s.path("reason").asText().isEmpty()
            && !s.path("message").asText().isEmpty();
    if (!proper) {
      problems.add(r.code + " " + what + ": not a proper Status: " + abbreviate(r.body));
    }
  }

  private String fresh() {
    return "m" + (++counter);
  }

  private static void set(ObjectNode root, String dotted, JsonNode value) {
    String[] parts = dotted.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = node.get(parts[i]);
      if (!(next instanceof ObjectNode)) {
        next = node.putObject(parts[i]);
      }
      node = (ObjectNode) next;
    }
    node.set(parts[parts.length - 1], value);
  }

  private static String abbreviate(String s) {
    String flat = s.replace("\n", "\\n");
    return flat.length() <= 160 ? flat : flat.substring(0, 150) + "...(" + flat.length() + ")";
  }

  private static void ok(Resp r, int... codes) {
    for (int c : codes) {
      if (r.code == c) {
        return;
      }
    }
    throw new AssertionError("setup: " + r);
  }

  private record Resp(int code, String body) {
    @Override
    public String toString() {
      return code + " " + abbreviate(body);
    }
  }

  /** The status and, for a failure, the body; a successful (streaming) answer is not read. */
  private Resp head(String path) throws Exception {
    sent++;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(TestHub.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + TestHub.adminToken())
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      String body =
          r.statusCode() < 300
              ? ""
              : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return new Resp(r.statusCode(), body);
    }
  }

  private Resp get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  private Resp send(String method, String path, String contentType, String body) throws Exception {
    sent++;
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(TestHub.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + TestHub.adminToken())
            .header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Resp(r.statusCode(), r.body());
  }
}
