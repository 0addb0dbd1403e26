package dev.atrium.hub.api.codec;

import static dev.atrium.hub.api.codec.ProtobufTestMessages.CORE;
import static dev.atrium.hub.api.codec.ProtobufTestMessages.META;
import static dev.atrium.hub.api.codec.ProtobufTestMessages.kind;
import static dev.atrium.hub.api.codec.ProtobufTestMessages.message;
import static dev.atrium.hub.api.codec.ProtobufTestMessages.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtobufBodyDecoderTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String INTSTR = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
  private static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
  private static final long JAN_2_2024 = 1704164645L; // 2024-01-02T03:04:05Z

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static void assertDecodes(String expected, byte[] body) {
    assertEquals(json(expected), ProtobufBodyDecoder.decode(body));
  }

  @Test
  void namespace() {
    byte[] body =
        kind("v1", "Namespace")
            .set("metadata", meta("team-a").put("labels", "env", "prod"))
            .set("spec", message(CORE + "NamespaceSpec").add("finalizers", "kubernetes"))
            .body("v1", "Namespace");
    assertDecodes(
        """
        {"apiVersion":"v1","kind":"Namespace",
         "metadata":{"name":"team-a","labels":{"env":"prod"}},
         "spec":{"finalizers":["kubernetes"]}}""",
        body);
  }

  @Test
  void apiVersionAndKindComeFirst() {
    ObjectNode out =
        ProtobufBodyDecoder.decode(
            kind("v1", "Namespace").set("metadata", meta("a")).body("v1", "Namespace"));
    assertEquals(List.of("apiVersion", "kind", "metadata"), fieldNames(out));
  }

  @Test
  void configMapWithBinaryDataAndImmutable() {
    byte[] body =
        kind("v1", "ConfigMap")
            .set("metadata", meta("cfg").set("namespace", "ns1").set("generateName", "cfg-"))
            .put("data", "a", "b")
            .put("data", "empty", "")
            .put("binaryData", "blob", new byte[] {1, 2, 3})
            .set("immutable", true)
            .body("v1", "ConfigMap");
    assertDecodes(
        """
        {"apiVersion":"v1","kind":"ConfigMap",
         "metadata":{"name":"cfg","generateName":"cfg-","namespace":"ns1"},
         "data":{"a":"b","empty":""},"binaryData":{"blob":"AQID"},"immutable":true}""",
        body);
  }

  @Test
  void secretDataIsBase64() {
    byte[] body =
        kind("v1", "Secret")
            .set("metadata", meta("s"))
            .put("data", "bin", new byte[] {0, 1, (byte) 0xfe, (byte) 0xff, 'h', 'i'})
            .put("stringData", "plain", "text")
            .set("type", "Opaque")
            .body("v1", "Secret");
    assertDecodes(
        """
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},
         "data":{"bin":"AAH+/2hp"},"stringData":{"plain":"text"},"type":"Opaque"}""",
        body);
  }

  @Test
  void serviceAccountKeepsExplicitFalse() {
    byte[] body =
        kind("v1", "ServiceAccount")
            .set("metadata", meta("builder"))
            .add("secrets", message(CORE + "ObjectReference").set("name", "tok"))
            .add("imagePullSecrets", message(CORE + "LocalObjectReference").set("name", "pull"))
            .set("automountServiceAccountToken", false)
            .body("v1", "ServiceAccount");
    assertDecodes(
        """
        {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"builder"},
         "secrets":[{"name":"tok"}],"imagePullSecrets":[{"name":"pull"}],
         "automountServiceAccountToken":false}""",
        body);
  }

  @Test
  void deployment() {
    ProtobufTestMessages container =
        message(CORE + "Container")
            .set("name", "web")
            .set("image", "nginx:1.25")
            .set("imagePullPolicy", "IfNotPresent")
            .add("args", "--port", "8080")
            .add(
                "ports",
                message(CORE + "ContainerPort")
                    .set("name", "http")
                    .set("containerPort", 8080)
                    .set("protocol", "TCP"))
            .set(
                "resources",
                message(CORE + "ResourceRequirements")
                    .put("limits", "cpu", message(QUANTITY).set("string", "500m"))
                    .put("limits", "memory", message(QUANTITY).set("string", "128Mi"))
                    .put("requests", "cpu", message(QUANTITY).set("string", "250m")))
            .set(
                "readinessProbe",
                message(CORE + "Probe")
                    .set(
                        "handler",
                        message(CORE + "ProbeHandler")
                            .set(
                                "httpGet",
                                message(CORE + "HTTPGetAction")
                                    .set("path", "/healthz")
                                    .set(
                                        "port",
                                        message(INTSTR).set("type", 1).set("strVal", "http"))))
                    .set("periodSeconds", 5));
    ProtobufTestMessages deployment =
        kind("apps/v1", "Deployment")
            .set(
                "metadata",
                meta("web")
                    .set("namespace", "prod")
                    .set("generation", 0L)
                    .set("creationTimestamp", message(META + "Time"))
                    .put("annotations", "note", "x"))
            .set(
                "spec",
                message("k8s.io.api.apps.v1.DeploymentSpec")
                    .set("replicas", 3)
                    .set(
                        "selector",
                        message(META + "LabelSelector").put("matchLabels", "app", "web"))
                    .set(
                        "template",
                        message(CORE + "PodTemplateSpec")
                            .set(
                                "metadata",
                                message(META + "ObjectMeta").put("labels", "app", "web"))
                            .set("spec", message(CORE + "PodSpec").add("containers", container)))
                    .set(
                        "strategy",
                        message("k8s.io.api.apps.v1.DeploymentStrategy")
                            .set("type", "RollingUpdate")
                            .set(
                                "rollingUpdate",
                                message("k8s.io.api.apps.v1.RollingUpdateDeployment")
                                    .set(
                                        "maxUnavailable",
                                        message(INTSTR).set("type", 0).set("intVal", 1))
                                    .set(
                                        "maxSurge",
                                        message(INTSTR).set("type", 1).set("strVal", "25%"))))
                    .set("minReadySeconds", 0)
                    .set("paused", false));
    assertDecodes(
        """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"prod","creationTimestamp":null,"annotations":{"note":"x"}},
         "spec":{"replicas":3,
          "selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},
           "spec":{"containers":[{"name":"web","image":"nginx:1.25","args":["--port","8080"],
             "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
             "resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"250m"}},
             "readinessProbe":{"handler":{"httpGet":{"path":"/healthz","port":"http"}},"periodSeconds":5},
             "imagePullPolicy":"IfNotPresent"}]}},
          "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":"25%"}}}}""",
        deployment.body("apps/v1", "Deployment"));
  }

  @Test
  void jobKeepsZeroBackoffLimit() {
    byte[] body =
        kind("batch/v1", "Job")
            .set("metadata", meta("once"))
            .set(
                "spec",
                message("k8s.io.api.batch.v1.JobSpec")
                    .set("backoffLimit", 0)
                    .set("activeDeadlineSeconds", 3_000_000_000L)
                    .set("ttlSecondsAfterFinished", 100)
                    .set(
                        "template",
                        message(CORE + "PodTemplateSpec")
                            .set(
                                "spec",
                                message(CORE + "PodSpec")
                                    .set("restartPolicy", "Never")
                                    .add(
                                        "containers",
                                        message(CORE + "Container")
                                            .set("name", "c")
                                            .set("image", "busybox")
                                            .add("command", "echo", "hi")))))
            .body("batch/v1", "Job");
    assertDecodes(
        """
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"once"},
         "spec":{"activeDeadlineSeconds":3000000000,"backoffLimit":0,
          "template":{"spec":{"containers":[{"name":"c","image":"busybox","command":["echo","hi"]}],
           "restartPolicy":"Never"}},
          "ttlSecondsAfterFinished":100}}""",
        body);
  }

  @Test
  void roleWithRules() {
    byte[] body =
        kind("rbac.authorization.k8s.io/v1", "Role")
            .set("metadata", meta("reader").set("namespace", "ns1"))
            .add(
                "rules",
                message("k8s.io.api.rbac.v1.PolicyRule")
                    .add("verbs", "get", "list", "watch")
                    .add("apiGroups", "", "apps")
                    .add("resources", "pods", "deployments"),
                message("k8s.io.api.rbac.v1.PolicyRule")
                    .add("verbs", "get")
                    .add("nonResourceURLs", "/healthz"))
            .body("rbac.authorization.k8s.io/v1", "Role");
    assertDecodes(
        """
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role",
         "metadata":{"name":"reader","namespace":"ns1"},
         "rules":[{"verbs":["get","list","watch"],"apiGroups":["","apps"],"resources":["pods","deployments"]},
                  {"verbs":["get"],"nonResourceURLs":["/healthz"]}]}""",
        body);
  }

  @Test
  void leaseWithMicroTimes() {
    byte[] body =
        kind("coordination.k8s.io/v1", "Lease")
            .set("metadata", meta("node-1").set("namespace", "kube-node-lease"))
            .set(
                "spec",
                message("k8s.io.api.coordination.v1.LeaseSpec")
                    .set("holderIdentity", "node-1")
                    .set("leaseDurationSeconds", 40)
                    .set("acquireTime", message(META + "MicroTime").set("seconds", JAN_2_2024))
                    .set(
                        "renewTime",
                        message(META + "MicroTime")
                            .set("seconds", JAN_2_2024)
                            .set("nanos", 123_456_789))
                    .set("leaseTransitions", 0))
            .body("coordination.k8s.io/v1", "Lease");
    assertDecodes(
        """
        {"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
         "metadata":{"name":"node-1","namespace":"kube-node-lease"},
         "spec":{"holderIdentity":"node-1","leaseDurationSeconds":40,
          "acquireTime":"2024-01-02T03:04:05.000000Z","renewTime":"2024-01-02T03:04:05.123456Z",
          "leaseTransitions":0}}""",
        body);
  }

  @Test
  void tokenRequest() {
    byte[] body =
        kind("authentication.k8s.io/v1", "TokenRequest")
            .set("metadata", meta("builder").set("namespace", "ns1"))
            .set(
                "spec",
                message("k8s.io.api.authentication.v1.TokenRequestSpec")
                    .add("audiences", "https://kubernetes.default.svc")
                    .set("expirationSeconds", 3600L)
                    .set(
                        "boundObjectRef",
                        message("k8s.io.api.authentication.v1.BoundObjectReference")
                            .set("kind", "Pod")
                            .set("apiVersion", "v1")
                            .set("name", "p")
                            .set("uID", "1234")))
            .body("authentication.k8s.io/v1", "TokenRequest");
    assertDecodes(
        """
        {"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest",
         "metadata":{"name":"builder","namespace":"ns1"},
         "spec":{"audiences":["https://kubernetes.default.svc"],"expirationSeconds":3600,
          "boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"p","uid":"1234"}}}""",
        body);
  }

  @Test
  void selfSubjectAccessReview() {
    byte[] body =
        kind("authorization.k8s.io/v1", "SelfSubjectAccessReview")
            .set("metadata", message(META + "ObjectMeta"))
            .set(
                "spec",
                message("k8s.io.api.authorization.v1.SelfSubjectAccessReviewSpec")
                    .set(
                        "resourceAttributes",
                        message("k8s.io.api.authorization.v1.ResourceAttributes")
                            .set("namespace", "ns1")
                            .set("verb", "create")
                            .set("group", "")
                            .set("resource", "pods")))
            .body("authorization.k8s.io/v1", "SelfSubjectAccessReview");
    assertDecodes(
        """
        {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{},
         "spec":{"resourceAttributes":{"namespace":"ns1","verb":"create","resource":"pods"}}}""",
        body);
  }

  @Test
  void subjectAccessReviewExtraValues() {
    byte[] body =
        kind("authorization.k8s.io/v1", "SubjectAccessReview")
            .set(
                "spec",
                message("k8s.io.api.authorization.v1.SubjectAccessReviewSpec")
                    .set("user", "alice")
                    .put(
                        "extra",
                        "scopes",
                        message("k8s.io.api.authorization.v1.ExtraValue").add("items", "a", "b")))
            .body("authorization.k8s.io/v1", "SubjectAccessReview");
    assertDecodes(
        """
        {"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview",
         "spec":{"user":"alice","extra":{"scopes":["a","b"]}}}""",
        body);
  }

  @Test
  void timesManagedFieldsAndOwnerReferences() {
    byte[] body =
        kind("v1", "ConfigMap")
            .set(
                "metadata",
                meta("cm")
                    .set(
                        "creationTimestamp",
                        message(META + "Time").set("seconds", JAN_2_2024).set("nanos", 5))
                    .add(
                        "managedFields",
                        message(META + "ManagedFieldsEntry")
                            .set("manager", "kubectl")
                            .set("operation", "Update")
                            .set("fieldsType", "FieldsV1")
                            .set("time", message(META + "Time").set("seconds", 0L))
                            .set(
                                "fieldsV1",
                                message(META + "FieldsV1")
                                    .set("Raw", "{\"f:data\":{\".\":{}}}".getBytes())))
                    .add(
                        "ownerReferences",
                        message(META + "OwnerReference")
                            .set("apiVersion", "apps/v1")
                            .set("kind", "Deployment")
                            .set("name", "web")
                            .set("uid", "u1")
                            .set("controller", true)
                            .set("blockOwnerDeletion", false)))
            .body("v1", "ConfigMap");
    assertDecodes(
        """
        {"apiVersion":"v1","kind":"ConfigMap",
         "metadata":{"name":"cm","creationTimestamp":"2024-01-02T03:04:05Z",
          "ownerReferences":[{"kind":"Deployment","name":"web","uid":"u1","apiVersion":"apps/v1",
            "controller":true,"blockOwnerDeletion":false}],
          "managedFields":[{"manager":"kubectl","operation":"Update","time":"1970-01-01T00:00:00Z",
            "fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{}}}}]}}""",
        body);
  }

  @Test
  void rawExtensionWithJsonAndNestedProtobuf() {
    byte[] nested =
        kind("v1", "ConfigMap")
            .set("metadata", meta("inner"))
            .put("data", "k", "v")
            .body("v1", "ConfigMap");
    byte[] json =
        kind("apps/v1", "ControllerRevision")
            .set("metadata", meta("rev"))
            .set(
                "data",
                message("k8s.io.apimachinery.pkg.runtime.RawExtension")
                    .set("raw", "{\"spec\":[1,2]}".getBytes()))
            .set("revision", 2L)
            .body("apps/v1", "ControllerRevision");
    assertDecodes(
        """
        {"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"rev"},
         "data":{"spec":[1,2]},"revision":2}""",
        json);
    byte[] proto =
        kind("apps/v1", "ControllerRevision")
            .set("metadata", meta("rev"))
            .set("data", message("k8s.io.apimachinery.pkg.runtime.RawExtension").set("raw", nested))
            .body("apps/v1", "ControllerRevision");
    assertDecodes(
        """
        {"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"rev"},
         "data":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"inner"},"data":{"k":"v"}}}""",
        proto);
  }

  @Test
  void deleteOptionsInAnyGroupVersion() {
    ProtobufTestMessages options =
        message(META + "DeleteOptions")
            .set("gracePeriodSeconds", 0L)
            .set("propagationPolicy", "Foreground");
    String expected =
        """
        {"apiVersion":"%s","kind":"DeleteOptions","gracePeriodSeconds":0,"propagationPolicy":"Foreground"}""";
    for (String apiVersion : List.of("v1", "apps/v1", "meta.k8s.io/v1")) {
      assertDecodes(expected.formatted(apiVersion), options.body(apiVersion, "DeleteOptions"));
    }
  }

  @Test
  void customResourceDefinitionSchema() {
    String ext = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.";
    ProtobufTestMessages specSchema =
        message(ext + "JSONSchemaProps")
            .set("type", "object")
            .set("xKubernetesPreserveUnknownFields", true)
            .set("default", message(ext + "JSON").set("raw", "{\"size\":1}".getBytes()))
            .set(
                "additionalProperties", message(ext + "JSONSchemaPropsOrBool").set("allows", false))
            .set("maximum", 5.0)
            .set("minimum", 0.5);
    ProtobufTestMessages root =
        message(ext + "JSONSchemaProps")
            .set("type", "object")
            .put("properties", "spec", specSchema)
            .add("required", "spec")
            .set(
                "items",
                message(ext + "JSONSchemaPropsOrArray")
                    .set("schema", message(ext + "JSONSchemaProps").set("type", "string")));
    ProtobufTestMessages version =
        message(ext + "CustomResourceDefinitionVersion")
            .set("name", "v1")
            .set("served", true)
            .set("storage", false)
            .set("schema", message(ext + "CustomResourceValidation").set("openAPIV3Schema", root))
            .add(
                "additionalPrinterColumns",
                message(ext + "CustomResourceColumnDefinition")
                    .set("name", "Size")
                    .set("type", "integer")
                    .set("jsonPath", ".spec.size"));
    byte[] body =
        kind("apiextensions.k8s.io/v1", "CustomResourceDefinition")
            .set("metadata", meta("widgets.example.com"))
            .set(
                "spec",
                message(ext + "CustomResourceDefinitionSpec")
                    .set("group", "example.com")
                    .set("scope", "Namespaced")
                    .set(
                        "names",
                        message(ext + "CustomResourceDefinitionNames")
                            .set("plural", "widgets")
                            .set("kind", "Widget"))
                    .add("versions", version))
            .body("apiextensions.k8s.io/v1", "CustomResourceDefinition");
    assertDecodes(
        """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"widgets.example.com"},
         "spec":{"group":"example.com","names":{"plural":"widgets","kind":"Widget"},"scope":"Namespaced",
          "versions":[{"name":"v1","served":true,"storage":false,
           "schema":{"openAPIV3Schema":{"type":"object","required":["spec"],
            "items":{"type":"string"},
            "properties":{"spec":{"type":"object","default":{"size":1},"maximum":5,"minimum":0.5,
              "additionalProperties":false,"x-kubernetes-preserve-unknown-fields":true}}}},
           "additionalPrinterColumns":[{"name":"Size","type":"integer","jsonPath":".spec.size"}]}]}}""",
        body);
  }

  @Test
  void protoNamesThatDifferFromJsonNames() {
    byte[] ingressClass =
        kind("networking.k8s.io/v1", "IngressClass")
            .set("metadata", meta("nginx"))
            .set(
                "spec",
                message("k8s.io.api.networking.v1.IngressClassSpec")
                    .set("controller", "k8s.io/ingress-nginx")
                    .set(
                        "parameters",
                        message("k8s.io.api.networking.v1.IngressClassParametersReference")
                            .set("aPIGroup", "k8s.example.com")
                            .set("kind", "Params")
                            .set("name", "p")))
            .body("networking.k8s.io/v1", "IngressClass");
    assertDecodes(
        """
        {"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"nginx"},
         "spec":{"controller":"k8s.io/ingress-nginx",
          "parameters":{"apiGroup":"k8s.example.com","kind":"Params","name":"p"}}}""",
        ingressClass);
    String beta = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.";
    byte[] crd =
        kind("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition")
            .set(
                "spec",
                message(beta + "CustomResourceDefinitionSpec")
                    .add(
                        "additionalPrinterColumns",
                        message(beta + "CustomResourceColumnDefinition")
                            .set("name", "Age")
                            .set("JSONPath", ".metadata.creationTimestamp"))
                    .set("preserveUnknownFields", false))
            .body("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition");
    assertDecodes(
        """
        {"apiVersion":"apiextensions.k8s.io/v1beta1","kind":"CustomResourceDefinition",
         "spec":{"additionalPrinterColumns":[{"name":"Age","JSONPath":".metadata.creationTimestamp"}],
          "preserveUnknownFields":false}}""",
        crd);
  }

  @Test
  void registryKnowsTheKindsKubectlSends() {
    for (String key :
        List.of(
            "v1, Kind=Namespace",
            "v1, Kind=ConfigMap",
            "v1, Kind=Secret",
            "v1, Kind=ServiceAccount",
            "apps/v1, Kind=Deployment",
            "batch/v1, Kind=Job",
            "batch/v1, Kind=CronJob",
            "rbac.authorization.k8s.io/v1, Kind=Role",
            "coordination.k8s.io/v1, Kind=Lease",
            "authentication.k8s.io/v1, Kind=TokenRequest",
            "authorization.k8s.io/v1, Kind=SelfSubjectAccessReview",
            "autoscaling/v1, Kind=HorizontalPodAutoscaler",
            "autoscaling/v2, Kind=HorizontalPodAutoscaler",
            "autoscaling/v1, Kind=Scale",
            "policy/v1, Kind=Eviction",
            "policy/v1, Kind=PodDisruptionBudget",
            "networking.k8s.io/v1, Kind=Ingress",
            "apiextensions.k8s.io/v1, Kind=CustomResourceDefinition",
            "events.k8s.io/v1, Kind=Event",
            "discovery.k8s.io/v1, Kind=EndpointSlice",
            "storage.k8s.io/v1, Kind=StorageClass",
            "flowcontrol.apiserver.k8s.io/v1, Kind=FlowSchema",
            "admissionregistration.k8s.io/v1, Kind=ValidatingWebhookConfiguration",
            "admission.k8s.io/v1, Kind=AdmissionReview",
            "meta.k8s.io/v1, Kind=DeleteOptions")) {
      assertTrue(ProtobufTypeRegistry.known().contains(key), key);
    }
    assertTrue(ProtobufTypeRegistry.find("v1", "PodTemplateSpec") == null);
  }

  private static List<String> fieldNames(ObjectNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
