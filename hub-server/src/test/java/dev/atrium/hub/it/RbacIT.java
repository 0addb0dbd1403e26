package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * RBAC through real kubectl with ServiceAccount tokens from {@code kubectl create token}: denials
 * naming the workspace, Role/RoleBinding grants, resourceNames, {@code auth can-i}, escalation
 * prevention, token invalidation, and ClusterRoleBindings propagated to a child workspace.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
class RbacIT {

  private static final String VERSION = Kubectl.available("1.33") ? "1.33" : "1.29";

  private static final String UNAUTHORIZED = "You must be logged in to the server";

  private final Kubectl admin = new Kubectl(VERSION);

  /** kubectl as the bearer of {@code token}, optionally against a workspace path. */
  private Kubectl.Result as(String token, String cluster, String... args) {
    List<String> all = new ArrayList<>(List.of("--token=" + token));
    if (cluster != null) {
      all.add("--server=" + TestHub.url() + "/clusters/" + cluster);
    }
    all.addAll(List.of(args));
    return admin.run(all.toArray(String[]::new));
  }

  private Kubectl.Result inCluster(String cluster, String... args) {
    List<String> all =
        new ArrayList<>(List.of("--server=" + TestHub.url() + "/clusters/" + cluster));
    all.addAll(List.of(args));
    return admin.run(all.toArray(String[]::new));
  }

  /** Retries while RBAC changes reach the index (it follows the change feed). */
  private static Kubectl.Result eventually(
      java.util.function.Supplier<Kubectl.Result> run, Predicate<Kubectl.Result> done) {
    Kubectl.Result last = null;
    for (int i = 0; i < 40; i++) {
      last = run.get();
      if (done.test(last)) {
        return last;
      }
      sleep(250);
    }
    return last;
  }

  @Test
  void serviceAccountGrantsDenialsAndEscalation() {
    assumeTrue(Kubectl.available(VERSION), "kubectl not installed");
    admin.run("create", "namespace", "rbac-a").ok();
    admin.run("create", "namespace", "rbac-b").ok();
    admin.run("-n", "rbac-a", "create", "serviceaccount", "robot").ok();
    admin.run("-n", "rbac-a", "create", "configmap", "c1", "--from-literal=k=v").ok();
    admin.run("-n", "rbac-b", "create", "configmap", "c1", "--from-literal=k=v").ok();
    admin.run("-n", "rbac-b", "create", "configmap", "c2", "--from-literal=k=v").ok();
    String token = admin.run("-n", "rbac-a", "create", "token", "robot").ok().output().trim();
    assertTrue(token.startsWith("ey"), token);

    Kubectl.Result denied = as(token, null, "-n", "rbac-a", "get", "configmaps").failed();
    contains(denied, "forbidden");
    contains(
        denied,
        "User \"system:serviceaccount:rbac-a:robot\" cannot list resource" + " \"configmaps\"");
    contains(denied, "in workspace \"root\"");
    contains(as(token, null, "auth", "can-i", "list", "configmaps", "-n", "rbac-a"), "no");

    admin
        .run(
            "-n",
            "rbac-a",
            "create",
            "role",
            "cm-reader",
            "--verb=get,list",
            "--resource=configmaps")
        .ok();
    admin
        .run(
            "-n",
            "rbac-a",
            "create",
            "rolebinding",
            "robot-reads",
            "--role=cm-reader",
            "--serviceaccount=rbac-a:robot")
        .ok();
    Kubectl.Result listed =
        eventually(() -> as(token, null, "-n", "rbac-a", "get", "configmaps"), r -> r.code() == 0);
    contains(listed.ok(), "c1");
    contains(as(token, null, "-n", "rbac-b", "get", "configmaps").failed(), "forbidden");
    contains(as(token, null, "-n", "rbac-a", "delete", "configmap", "c1").failed(), "forbidden");

    admin
        .run(
            "-n",
            "rbac-b",
            "create",
            "role",
            "one-cm",
            "--verb=get",
            "--resource=configmaps",
            "--resource-name=c1")
        .ok();
    admin
        .run(
            "-n",
            "rbac-b",
            "create",
            "rolebinding",
            "robot-one",
            "--role=one-cm",
            "--serviceaccount=rbac-a:robot")
        .ok();
    eventually(() -> as(token, null, "-n", "rbac-b", "get", "configmap", "c1"), r -> r.code() == 0)
        .ok();
    contains(as(token, null, "-n", "rbac-b", "get", "configmap", "c2").failed(), "forbidden");
    contains(as(token, null, "-n", "rbac-b", "get", "configmaps").failed(), "forbidden");

    assertEquals(
        "yes",
        as(token, null, "auth", "can-i", "list", "configmaps", "-n", "rbac-a")
            .ok()
            .output()
            .trim());
    assertEquals(
        "no",
        as(token, null, "auth", "can-i", "delete", "configmaps", "-n", "rbac-a")
            .failed()
            .output()
            .trim());
    assertEquals(
        "yes",
        as(token, null, "auth", "can-i", "get", "configmaps/c1", "-n", "rbac-b")
            .ok()
            .output()
            .trim());
    assertEquals(
        "no",
        as(token, null, "auth", "can-i", "get", "configmaps/c2", "-n", "rbac-b")
            .failed()
            .output()
            .trim());
    Kubectl.Result list = as(token, null, "auth", "can-i", "--list", "-n", "rbac-a").ok();
    assertTrue(
        list.output().matches("(?s).*configmaps\\s+\\[\\]\\s+\\[\\]\\s+\\[get list\\].*"),
        list.output());
    contains(list, "selfsubjectaccessreviews.authorization.k8s.io");
    contains(list, "/version");
    assertEquals("true", subjectAccessReview("system:serviceaccount:rbac-a:robot"));
    assertEquals("false", subjectAccessReview("system:serviceaccount:rbac-a:nobody"));

    admin
        .run(
            "-n",
            "rbac-a",
            "create",
            "role",
            "rbac-writer",
            "--verb=create",
            "--resource=roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io")
        .ok();
    admin
        .run(
            "-n",
            "rbac-a",
            "create",
            "rolebinding",
            "robot-writes",
            "--role=rbac-writer",
            "--serviceaccount=rbac-a:robot")
        .ok();
    eventually(
            () -> as(token, null, "auth", "can-i", "create", "roles", "-n", "rbac-a"),
            r -> r.code() == 0)
        .ok();
    Kubectl.Result escalate =
        as(
                token,
                null,
                "-n",
                "rbac-a",
                "create",
                "role",
                "too-much",
                "--verb=delete",
                "--resource=secrets")
            .failed();
    contains(escalate, "is attempting to grant RBAC permissions not currently held");
    contains(escalate, "Resources:[\"secrets\"]");
    as(
            token,
            null,
            "-n",
            "rbac-a",
            "create",
            "role",
            "subset",
            "--verb=get",
            "--resource=configmaps")
        .ok();
    contains(
        as(
                token,
                null,
                "-n",
                "rbac-a",
                "create",
                "rolebinding",
                "grab-admin",
                "--clusterrole=admin",
                "--serviceaccount=rbac-a:robot")
            .failed(),
        "is attempting to grant RBAC permissions not currently held");
    as(
            token,
            null,
            "-n",
            "rbac-a",
            "create",
            "rolebinding",
            "subset-binding",
            "--role=subset",
            "--serviceaccount=rbac-a:robot")
        .ok();

    String review =
        "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\","
            + "\"spec\":{\"token\":\""
            + token
            + "\"}}";
    assertEquals(
        "true system:serviceaccount:rbac-a:robot",
        admin
            .runWithInput(
                review,
                "create",
                "--validate=false",
                "-f",
                "-",
                "-o",
                "jsonpath={.status.authenticated} {.status.user.username}")
            .ok()
            .output()
            .trim());
    // Outside its own workspace a ServiceAccount is authenticated but granted nothing: 403.
    contains(
        as(token, "root:elsewhere", "get", "configmaps", "-n", "rbac-a").failed(), "Forbidden");

    admin.run("-n", "rbac-a", "delete", "serviceaccount", "robot").ok();
    Kubectl.Result gone =
        eventually(
            () -> as(token, null, "-n", "rbac-a", "get", "configmaps"),
            r -> r.output().contains(UNAUTHORIZED));
    contains(gone.failed(), UNAUTHORIZED);
  }

  @Test
  void propagatedClusterRoleBindingGrantsInChildWorkspace() {
    assumeTrue(Kubectl.available(VERSION), "kubectl not installed");
    String child = "root:team1";
    String workspace =
        "apiVersion: tenancy.atrium.dev/v1alpha1\nkind: Workspace\nmetadata: {name: team1}\n";
    admin.runWithInput(workspace, "create", "-f", "-").ok();
    contains(
        admin
            .run("wait", "--for=jsonpath={.status.phase}=Ready", "workspace/team1", "--timeout=20s")
            .ok(),
        "condition met");
    contains(
        inCluster(child, "get", "clusterrole", "view", "-o", "jsonpath={.metadata.labels}").ok(),
        "rbac-defaults");
    inCluster(child, "create", "namespace", "team-ns").ok();
    inCluster(child, "-n", "team-ns", "create", "serviceaccount", "worker").ok();
    inCluster(child, "-n", "team-ns", "create", "configmap", "cfg", "--from-literal=k=v").ok();
    String token =
        inCluster(child, "-n", "team-ns", "create", "token", "worker").ok().output().trim();
    contains(as(token, null, "-n", "team-ns", "get", "configmaps").failed(), "Forbidden");
    Kubectl.Result denied = as(token, child, "-n", "team-ns", "get", "configmaps").failed();
    contains(denied, "in workspace \"root:team1\"");

    admin
        .run(
            "create",
            "clusterrolebinding",
            "inherit-view",
            "--clusterrole=view",
            "--group=system:serviceaccounts:team-ns")
        .ok();
    sleep(1000);
    contains(as(token, child, "-n", "team-ns", "get", "configmaps").failed(), "forbidden");

    admin
        .run("label", "clusterrolebinding", "inherit-view", "policy.atrium.dev/propagate=true")
        .ok();
    Kubectl.Result granted =
        eventually(
            () -> as(token, child, "-n", "team-ns", "get", "configmaps"), r -> r.code() == 0);
    contains(granted.ok(), "cfg");
    contains(as(token, child, "-n", "team-ns", "delete", "configmap", "cfg").failed(), "forbidden");
    assertEquals(
        "yes",
        as(token, child, "auth", "can-i", "list", "configmaps", "-n", "team-ns")
            .ok()
            .output()
            .trim());

    admin.run("delete", "clusterrolebinding", "inherit-view").ok();
    eventually(() -> as(token, child, "-n", "team-ns", "get", "configmaps"), r -> r.code() != 0)
        .failed();
  }

  private String subjectAccessReview(String user) {
    String review =
        "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\","
            + "\"spec\":{\"user\":\""
            + user
            + "\",\"resourceAttributes\":{\"namespace\":\"rbac-a\","
            + "\"verb\":\"list\",\"resource\":\"configmaps\"}}}";
    return admin
        .runWithInput(
            review, "create", "--validate=false", "-f", "-", "-o", "jsonpath={.status.allowed}")
        .ok()
        .output()
        .trim();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void contains(Kubectl.Result result, String expected) {
    assertTrue(
        result.output().contains(expected), "expected '" + expected + "' in: " + result.output());
  }
}
