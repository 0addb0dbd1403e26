package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * CRDs through real kubectl 1.33 (apply, explain): establish, serve, validate, default, patch,
 * print, delete.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
class CrdIT {

  private static final String VERSION = "1.33";

  /** No client-side or field validation: lets unknown fields reach the server's pruning. */
  private static final String VALIDATE = "--validate=false";

  private static final String WIDGETS = "widgets.acceptance.example.com";

  static final String WIDGET_CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.acceptance.example.com}
      spec:
        group: acceptance.example.com
        scope: Namespaced
        names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wg]}
        versions:
        - name: v1
          served: true
          storage: true
          subresources: {status: {}}
          additionalPrinterColumns:
          - {name: Size, type: integer, jsonPath: .spec.size}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    size:
                      type: integer
                      minimum: 0
                      description: "How big the widget is."
                      x-kubernetes-validations: [{rule: "self != 13", message: "13 is unlucky"}]
                    color: {type: string, default: blue}
                status:
                  type: object
                  properties:
                    conditions:
                      type: array
                      items:
                        type: object
                        properties:
                          type: {type: string}
                          status: {type: string}
      """;

  static final String GIZMO_CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: gizmos.acceptance.example.com}
      spec:
        group: acceptance.example.com
        scope: Namespaced
        names: {plural: gizmos, kind: Gizmo, categories: [all]}
        versions:
        - name: v1alpha1
          served: false
          storage: false
          schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        - name: v1beta1
          served: true
          storage: false
          schema: &schema
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    replicas: {type: integer}
                status:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
          subresources: &subresources
            status: {}
            scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
          additionalPrinterColumns: &columns
          - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
          - {name: Replicas, type: integer, jsonPath: .spec.replicas, priority: 1}
          - {name: Created, type: date, jsonPath: .metadata.creationTimestamp}
        - name: v1
          served: true
          storage: true
          schema: *schema
          subresources: *subresources
          additionalPrinterColumns: *columns
      """;

  @Test
  void customResourcesEndToEnd() throws Exception {
    assumeTrue(Kubectl.available(VERSION), "kubectl " + VERSION + " not installed");
    Kubectl k = new Kubectl(VERSION);
    String ns = "crd-widgets";
    Path dir = Files.createTempDirectory("crd-it");
    Path crd = write(dir, "crd.yaml", WIDGET_CRD);
    contains(k.run("apply", "-f", crd.toString()).ok(), WIDGETS + " created");
    contains(
        k.run("wait", "--for=condition=Established", "crd/" + WIDGETS, "--timeout=30s").ok(),
        "condition met");
    contains(k.run("api-resources", "--api-group=acceptance.example.com").ok(), "wg");
    k.run("create", "namespace", ns).ok();
    Path widget = write(dir, "w1.yaml", widget("w1", "3"));
    contains(
        k.run("-n", ns, "apply", "-f", widget.toString()).ok(),
        "widget.acceptance.example.com/w1 created");
    contains(k.run("explain", "widgets.spec.size").ok(), "How big the widget is");
    contains(k.run("-n", ns, "apply", "-f", widget.toString()).ok(), "unchanged");
    matches(k.run("-n", ns, "get", "widgets").ok(), "(?s)NAME\\s+SIZE\\s+w1\\s+3\\s*");
    contains(k.run("-n", ns, "get", "wg").ok(), "w1");
    assertEquals(
        "blue",
        k.run("-n", ns, "get", "widget", "w1", "-o", "jsonpath={.spec.color}").ok().output());
    Path bad = write(dir, "bad.yaml", widget("wbad", "big"));
    contains(
        k.run("-n", ns, "apply", "-f", bad.toString()).failed(),
        "spec.size: Invalid value: \"string\": spec.size in body must be of type integer:"
            + " \"string\"");
    contains(
        k.run("-n", ns, "apply", "-f", write(dir, "w13.yaml", widget("w13", "13")).toString())
            .failed(),
        "spec.size: Invalid value: \"integer\": 13 is unlucky");
    contains(
        k.run("-n", ns, "patch", "widget", "w1", "--type=merge", "-p", "{\"spec\":{\"size\":4}}")
            .ok(),
        "patched");
    assertEquals(
        "4", k.run("-n", ns, "get", "wg", "w1", "-o", "jsonpath={.spec.size}").ok().output());
    contains(
        k.run("-n", ns, "patch", "widget", "w1", "--type=merge", "-p", "{\"spec\":{\"size\":-1}}")
            .failed(),
        "should be greater than or equal to 0");
    contains(
        k.run(
                "-n",
                ns,
                "patch",
                "widget",
                "w1",
                "--type=strategic",
                "-p",
                "{\"spec\":{\"size\":5}}")
            .failed(),
        "not supported");
    contains(
        k.run(
                "-n",
                ns,
                "patch",
                "widget",
                "w1",
                "--subresource=status",
                "--type=merge",
                "-p",
                "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}")
            .ok(),
        "patched");
    contains(
        k.run("-n", ns, "wait", "--for=condition=Ready", "widget/w1", "--timeout=30s").ok(),
        "condition met");
    contains(
        k.run("-n", ns, "patch", "widget", "w1", "--type=merge", "-p", "{\"status\":{\"x\":1}}")
            .ok(),
        "patched (no change)");

    contains(k.run("delete", "crd", WIDGETS).ok(), "deleted");
    contains(
        k.run("get", "--raw", "/apis/acceptance.example.com/v1/namespaces/" + ns + "/widgets")
            .failed(),
        "NotFound");
    contains(k.run("create", VALIDATE, "-f", crd.toString()).ok(), "created");
    k.run("wait", "--for=condition=Established", "crd/" + WIDGETS, "--timeout=30s").ok();
    assertEquals(
        "0",
        k.run("get", "--raw", "/apis/acceptance.example.com/v1/namespaces/" + ns + "/widgets")
            .ok()
            .output()
            .replaceAll("(?s).*\"items\":\\[\\].*", "0"));
    k.run("-n", ns, "create", VALIDATE, "-f", write(dir, "w2.yaml", widget("w2", "1")).toString())
        .ok();
    contains(k.run("delete", "namespace", ns, "--timeout=60s").ok(), "deleted");
    contains(k.run("get", "--raw", "/apis/acceptance.example.com/v1/widgets").ok(), "\"items\":[]");
    k.run("delete", "crd", WIDGETS).ok();
  }

  @Test
  void versionsCategoriesColumnsAndScale() throws Exception {
    assumeTrue(Kubectl.available(VERSION), "kubectl " + VERSION + " not installed");
    Kubectl k = new Kubectl(VERSION);
    String ns = "crd-gizmos";
    Path dir = Files.createTempDirectory("crd-it");
    k.run("create", VALIDATE, "-f", write(dir, "gizmo-crd.yaml", GIZMO_CRD).toString()).ok();
    k.run("wait", "--for=condition=Established", "crd/gizmos.acceptance.example.com").ok();
    k.run("create", "namespace", ns).ok();
    String gizmo =
        "apiVersion: acceptance.example.com/v1beta1\nkind: Gizmo\nmetadata: {name: g1}\n"
            + "spec: {replicas: 2, unknown: dropped}\n";
    contains(
        k.run("-n", ns, "create", VALIDATE, "-f", write(dir, "g1.yaml", gizmo).toString()).ok(),
        "gizmo.acceptance.example.com/g1 created");
    assertEquals(
        "acceptance.example.com/v1 2 ",
        k.run(
                "-n",
                ns,
                "get",
                "gizmos.v1.acceptance.example.com",
                "g1",
                "-o",
                "jsonpath={.apiVersion} {.spec.replicas} {.spec.unknown}")
            .ok()
            .output());
    assertEquals(
        "acceptance.example.com/v1beta1",
        k.run(
                "-n",
                ns,
                "get",
                "gizmos.v1beta1.acceptance.example.com",
                "g1",
                "-o",
                "jsonpath={.apiVersion}")
            .ok()
            .output());
    contains(
        k.run("get", "--raw", "/apis/acceptance.example.com/v1alpha1/namespaces/" + ns + "/gizmos")
            .failed(),
        "NotFound");
    matches(
        k.run("-n", ns, "get", "gizmos").ok(), "(?s)NAME\\s+READY\\s+CREATED\\s+g1\\s+\\d+s\\s*");
    contains(k.run("-n", ns, "get", "gizmos", "-o", "wide").ok(), "REPLICAS");
    contains(k.run("-n", ns, "get", "all").ok(), "gizmo.acceptance.example.com/g1");
    contains(k.run("-n", ns, "scale", "gizmo", "g1", "--replicas=5").ok(), "scaled");
    assertEquals(
        "5",
        k.run("-n", ns, "get", "gizmo", "g1", "-o", "jsonpath={.spec.replicas}").ok().output());
    k.run(
            "-n",
            ns,
            "patch",
            "gizmo",
            "g1",
            "--subresource=status",
            "--type=merge",
            "-p",
            "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\"}]}}")
        .ok();
    contains(k.run("-n", ns, "get", "gizmo", "g1").ok(), "False");
    contains(k.run("delete", "crd", "gizmos.acceptance.example.com").ok(), "deleted");
  }

  @Test
  void conflictingNamesAreNotAccepted() throws Exception {
    assumeTrue(Kubectl.available(VERSION), "kubectl " + VERSION + " not installed");
    Kubectl k = new Kubectl(VERSION);
    Path dir = Files.createTempDirectory("crd-it");
    k.run(
            "create",
            VALIDATE,
            "-f",
            write(dir, "things.yaml", crd("things", "Thing", "conflict.example.com")).toString())
        .ok();
    k.run("wait", "--for=condition=Established", "crd/things.conflict.example.com").ok();
    k.run(
            "create",
            VALIDATE,
            "-f",
            write(dir, "stuffs.yaml", crd("stuffs", "Thing", "conflict.example.com")).toString())
        .ok();
    assertEquals("SingularConflict", namesAccepted(k, "stuffs.conflict.example.com"));
    contains(k.run("get", "--raw", "/apis/conflict.example.com/v1/stuffs").failed(), "NotFound");
    k.run(
            "create",
            VALIDATE,
            "-f",
            write(dir, "roles.yaml", crd("roles", "Role", "rbac.authorization.k8s.io")).toString())
        .ok();
    assertEquals("PluralConflict", namesAccepted(k, "roles.rbac.authorization.k8s.io"));
    String misnamed =
        crd("others", "Other", "conflict.example.com").replace("name: others.", "name: wrong.");
    contains(
        k.run("create", VALIDATE, "-f", write(dir, "misnamed.yaml", misnamed).toString()).failed(),
        "must be spec.names.plural+\".\"+spec.group");
    k.run(
            "delete",
            "crd",
            "stuffs.conflict.example.com",
            "things.conflict.example.com",
            "roles.rbac.authorization.k8s.io")
        .ok();
  }

  static final String SPROCKET_CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: sprockets.fields.example.com}
      spec:
        group: fields.example.com
        scope: Namespaced
        names: {plural: sprockets, kind: Sprocket}
        versions:
        - name: v1
          served: true
          storage: true
          selectableFields: [{jsonPath: .spec.color}]
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    color: {type: string}
                    extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
      """;

  @Test
  void selectableFieldsAndFieldValidation() throws Exception {
    assumeTrue(Kubectl.available(VERSION), "kubectl " + VERSION + " not installed");
    Kubectl k = new Kubectl(VERSION);
    String ns = "crd-sprockets";
    Path dir = Files.createTempDirectory("crd-it");
    k.run("apply", "-f", write(dir, "crd.yaml", SPROCKET_CRD).toString()).ok();
    k.run("wait", "--for=condition=Established", "crd/sprockets.fields.example.com").ok();
    k.run("create", "namespace", ns).ok();
    k.run("-n", ns, "apply", "-f", write(dir, "s1.yaml", sprocket("s1", "blue", "")).toString())
        .ok();
    k.run("-n", ns, "apply", "-f", write(dir, "s2.yaml", sprocket("s2", "red", "")).toString())
        .ok();
    k.run("-n", ns, "apply", "-f", write(dir, "s3.yaml", sprocket("s3", null, "")).toString()).ok();
    assertEquals(
        "s1",
        k.run("-n", ns, "get", "sprockets", "--field-selector", "spec.color=blue", "-o", NAMES)
            .ok()
            .output());
    assertEquals(
        "s3",
        k.run("-n", ns, "get", "sprockets", "--field-selector", "spec.color=", "-o", NAMES)
            .ok()
            .output());
    assertEquals(
        "s1 s3",
        k.run("get", "sprockets", "-A", "--field-selector", "spec.color!=red", "-o", NAMES)
            .ok()
            .output());
    contains(
        k.run("-n", ns, "get", "sprockets", "--field-selector", "spec.size=1").failed(),
        "field label not supported: spec.size");
    String watch =
        k.run(
                "get",
                "--raw",
                "/apis/fields.example.com/v1/namespaces/"
                    + ns
                    + "/sprockets?watch=1&timeoutSeconds=1&fieldSelector=spec.color%3Dred")
            .ok()
            .output();
    assertTrue(watch.contains("\"s2\"") && !watch.contains("\"s1\""), watch);

    Path unknown = write(dir, "s4.yaml", sprocket("s4", "green", ", foo: 1, extra: {bar: 2}"));
    contains(
        k.run("-n", ns, "apply", "-f", unknown.toString()).failed(),
        "strict decoding error: unknown field \"spec.foo\"");
    k.run("-n", ns, "get", "sprocket", "s4").failed();
    contains(
        k.run("-n", ns, "apply", "--validate=warn", "-f", unknown.toString()).ok(),
        "Warning: unknown field \"spec.foo\"");
    assertEquals(
        "green  2",
        k.run(
                "-n",
                ns,
                "get",
                "sprocket",
                "s4",
                "-o",
                "jsonpath={.spec.color} {.spec.foo} {.spec.extra.bar}")
            .ok()
            .output());
    k.run("delete", "crd", "sprockets.fields.example.com").ok();
    k.run("delete", "namespace", ns, "--wait=false").ok();
  }

  private static final String NAMES = "jsonpath={.items[*].metadata.name}";

  private static String sprocket(String name, String color, String more) {
    return "apiVersion: fields.example.com/v1\nkind: Sprocket\nmetadata: {name: "
        + name
        + "}\nspec: {"
        + (color == null ? "extra: {}" : "color: " + color)
        + more
        + "}\n";
  }

  private static String namesAccepted(Kubectl k, String crd) throws InterruptedException {
    String query = "jsonpath={.status.conditions[?(@.type==\"NamesAccepted\")].reason}";
    String reason = "";
    for (int i = 0; i < 50 && reason.isEmpty(); i++) {
      reason = k.run("get", "crd", crd, "-o", query).ok().output();
      Thread.sleep(100);
    }
    return reason;
  }

  private static String crd(String plural, String kind, String group) {
    return "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        + "metadata: {name: "
        + plural
        + "."
        + group
        + "}\n"
        + "spec:\n  group: "
        + group
        + "\n  scope: Cluster\n"
        + "  names: {plural: "
        + plural
        + ", kind: "
        + kind
        + "}\n"
        + "  versions:\n  - {name: v1, served: true, storage: true, "
        + "schema: {openAPIV3Schema: {type: object}}}\n";
  }

  private static String widget(String name, String size) {
    return "apiVersion: acceptance.example.com/v1\nkind: Widget\nmetadata: {name: "
        + name
        + "}\nspec: {size: "
        + size
        + "}\n";
  }

  private static Path write(Path dir, String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private static void matches(Kubectl.Result result, String regex) {
    assertTrue(result.output().matches(regex), "expected /" + regex + "/ in: " + result.output());
  }

  private static void contains(Kubectl.Result result, String expected) {
    assertTrue(
        result.output().contains(expected), "expected '" + expected + "' in: " + result.output());
  }
}
