package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kubectl apply --server-side} against the hub with real kubectl 1.33. */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
class ServerSideApplyIT {

  private static final String VERSION = "1.33";

  private static String deployment(String ns, int replicas, String image) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: %s
          labels:
            app: web
        spec:
          replicas: %d
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: nginx
                image: %s
        """
        .formatted(ns, replicas, image);
  }

  @Test
  void applyConflictForceAndManagedFields() throws Exception {
    assumeTrue(Kubectl.available(VERSION), "kubectl " + VERSION + " not installed");
    Kubectl k = new Kubectl(VERSION);
    String ns = "ssa-1-33";
    k.run("create", "namespace", ns).ok();

    contains(
        k.runWithInput(deployment(ns, 2, "nginx:1.25"), "apply", "--server-side", "-f", "-").ok(),
        "deployment.apps/web serverside-applied");
    assertEquals("2", replicas(k, ns));
    Map<String, String> managers = managers(k, ns);
    assertEquals("Apply", managers.get("kubectl"), managers::toString);

    Kubectl.Result conflict =
        k.runWithInput(
                deployment(ns, 3, "nginx:1.25"),
                "apply",
                "--server-side",
                "--field-manager=other",
                "-f",
                "-")
            .failed();
    contains(conflict, "Apply failed with 1 conflict");
    contains(conflict, "conflict with \"kubectl\": .spec.replicas");
    assertEquals("2", replicas(k, ns));

    contains(
        k.runWithInput(
                deployment(ns, 3, "nginx:1.25"),
                "apply",
                "--server-side",
                "--field-manager=other",
                "--force-conflicts",
                "-f",
                "-")
            .ok(),
        "serverside-applied");
    assertEquals("3", replicas(k, ns));
    managers = managers(k, ns);
    assertEquals("Apply", managers.get("kubectl"), managers::toString);
    assertEquals("Apply", managers.get("other"), managers::toString);
    JsonNode fields = managedFields(k, ns);
    for (JsonNode entry : fields) {
      boolean ownsReplicas = entry.at("/fieldsV1/f:spec/f:replicas").isObject();
      assertEquals(entry.path("manager").asText().equals("other"), ownsReplicas, entry::toString);
    }

    contains(k.run("-n", ns, "scale", "deploy", "web", "--replicas=4").ok(), "scaled");
    assertTrue(managers(k, ns).containsValue("Update"), () -> managers(k, ns).toString());
  }

  @Test
  void migrationFromClientSideApply() throws Exception {
    assumeTrue(Kubectl.available(VERSION), "kubectl " + VERSION + " not installed");
    Kubectl k = new Kubectl(VERSION);
    String ns = "ssa-migrate";
    k.run("create", "namespace", ns).ok();
    contains(k.runWithInput(deployment(ns, 1, "nginx:1.25"), "apply", "-f", "-").ok(), "created");
    assertEquals("Update", managers(k, ns).get("kubectl-client-side-apply"));
    contains(
        k.runWithInput(deployment(ns, 2, "nginx:1.27"), "apply", "--server-side", "-f", "-").ok(),
        "serverside-applied");
    assertEquals("2", replicas(k, ns));
    Map<String, String> managers = managers(k, ns);
    assertEquals("Apply", managers.get("kubectl"), managers::toString);
    assertFalse(managers.containsKey("kubectl-client-side-apply"), managers::toString);
  }

  private static String replicas(Kubectl k, String ns) {
    return k.run("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").ok().output();
  }

  private static JsonNode managedFields(Kubectl k, String ns) throws Exception {
    String json =
        k.run("-n", ns, "get", "deploy", "web", "-o", "json", "--show-managed-fields")
            .ok()
            .output();
    return new ObjectMapper().readTree(json).at("/metadata/managedFields");
  }

  private static Map<String, String> managers(Kubectl k, String ns) {
    try {
      Map<String, String> out = new HashMap<>();
      managedFields(k, ns)
          .forEach(e -> out.put(e.path("manager").asText(), e.path("operation").asText()));
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void contains(Kubectl.Result result, String text) {
    assertTrue(
        result.output().contains(text), () -> "expected '" + text + "' in: " + result.output());
  }
}
