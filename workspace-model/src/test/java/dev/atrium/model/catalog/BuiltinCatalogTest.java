package dev.atrium.model.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinCatalogTest {

  private static ResourceType resource(String group, String plural) {
    return BuiltinCatalog.byResource(group, plural).orElseThrow(() -> new AssertionError(plural));
  }

  private static List<String> columnNames(ResourceType type) {
    return type.printerColumns().stream().map(PrinterColumn::name).toList();
  }

  private static long wideColumns(ResourceType type) {
    return type.printerColumns().stream().filter(c -> c.priority() > 0).count();
  }

  @Test
  void deploymentsAsUpstream() {
    ResourceType d = resource("apps", "deployments");
    assertEquals("v1", d.version());
    assertEquals("Deployment", d.kind());
    assertEquals("deployment", d.singular());
    assertEquals(List.of("deploy"), d.shortNames());
    assertEquals(List.of("all"), d.categories());
    assertTrue(d.namespaced());
    assertTrue(d.hasSubresource("scale"));
    assertTrue(d.hasSubresource("status"));
    assertEquals(
        List.of(
            "Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"),
        columnNames(d));
    assertEquals(3, wideColumns(d));
    assertEquals(
        List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"),
        d.verbs());
  }

  @Test
  void namespacesAreClusterScopedWithoutDeleteCollection() {
    ResourceType ns = resource("", "namespaces");
    assertFalse(ns.namespaced());
    assertEquals(List.of("ns"), ns.shortNames());
    assertFalse(ns.verbs().contains("deletecollection"));
    assertEquals(List.of("finalize", "status"), ns.subresources());
    assertEquals(List.of("Name", "Status", "Age"), columnNames(ns));
  }

  @Test
  void podsColumnsAndSubresources() {
    ResourceType pods = resource("", "pods");
    assertEquals(List.of("po"), pods.shortNames());
    assertEquals(List.of("all"), pods.categories());
    assertEquals(
        List.of(
            "Name",
            "Ready",
            "Status",
            "Restarts",
            "Age",
            "IP",
            "Node",
            "Nominated Node",
            "Readiness Gates"),
        columnNames(pods));
    assertEquals(4, wideColumns(pods));
    assertTrue(pods.hasSubresource("status"));
    assertTrue(pods.hasSubresource("log"));
  }

  @Test
  void preferredVersions() {
    assertEquals("v2", resource("autoscaling", "horizontalpodautoscalers").version());
    assertEquals("v1", resource("policy", "poddisruptionbudgets").version());
    assertEquals("v1", resource("batch", "cronjobs").version());
    assertEquals("events.k8s.io/v1", resource("events.k8s.io", "events").apiVersion());
    assertEquals("v1", resource("", "events").apiVersion());
  }

  @Test
  void shortNames() {
    assertEquals(List.of("cm"), resource("", "configmaps").shortNames());
    assertEquals(List.of("sa"), resource("", "serviceaccounts").shortNames());
    assertEquals(List.of("svc"), resource("", "services").shortNames());
    assertEquals(List.of("ep"), resource("", "endpoints").shortNames());
    assertEquals(List.of("ev"), resource("", "events").shortNames());
    assertEquals(List.of("limits"), resource("", "limitranges").shortNames());
    assertEquals(List.of("quota"), resource("", "resourcequotas").shortNames());
    assertEquals(List.of("pvc"), resource("", "persistentvolumeclaims").shortNames());
    assertEquals(List.of("sts"), resource("apps", "statefulsets").shortNames());
    assertEquals(List.of("ds"), resource("apps", "daemonsets").shortNames());
    assertEquals(List.of("rs"), resource("apps", "replicasets").shortNames());
    assertEquals(List.of("cj"), resource("batch", "cronjobs").shortNames());
    assertEquals(List.of("ing"), resource("networking.k8s.io", "ingresses").shortNames());
    assertEquals(List.of("netpol"), resource("networking.k8s.io", "networkpolicies").shortNames());
    assertEquals(List.of("pdb"), resource("policy", "poddisruptionbudgets").shortNames());
    assertEquals(List.of("hpa"), resource("autoscaling", "horizontalpodautoscalers").shortNames());
    assertEquals(
        List.of("crd", "crds"),
        resource("apiextensions.k8s.io", "customresourcedefinitions").shortNames());
  }

  @Test
  void categoryAllMatchesUpstream() {
    Set<String> withAll = new HashSet<>();
    BuiltinCatalog.all().stream()
        .filter(t -> t.categories().contains("all"))
        .forEach(t -> withAll.add(t.qualifiedResource()));
    assertEquals(
        Set.of(
            "pods",
            "services",
            "deployments.apps",
            "statefulsets.apps",
            "daemonsets.apps",
            "replicasets.apps",
            "jobs.batch",
            "cronjobs.batch",
            "horizontalpodautoscalers.autoscaling"),
        withAll);
  }

  @Test
  void apiExtensionsCategory() {
    assertEquals(
        List.of("api-extensions"),
        resource("apiextensions.k8s.io", "customresourcedefinitions").categories());
    assertEquals(
        List.of("api-extensions"),
        resource("admissionregistration.k8s.io", "validatingwebhookconfigurations").categories());
  }

  @Test
  void reviewsAreCreateOnly() {
    for (String plural :
        List.of(
            "selfsubjectaccessreviews",
            "subjectaccessreviews",
            "localsubjectaccessreviews",
            "selfsubjectrulesreviews")) {
      assertEquals(List.of("create"), resource("authorization.k8s.io", plural).verbs(), plural);
    }
    assertEquals(List.of("create"), resource("authentication.k8s.io", "tokenreviews").verbs());
    assertTrue(resource("authorization.k8s.io", "localsubjectaccessreviews").namespaced());
  }

  @Test
  void subresources() {
    assertEquals(List.of("token"), resource("", "serviceaccounts").subresources());
    assertTrue(resource("apps", "replicasets").hasSubresource("scale"));
    assertTrue(resource("apps", "statefulsets").hasSubresource("scale"));
    assertFalse(resource("apps", "daemonsets").hasSubresource("scale"));
    assertEquals(
        List.of("status"),
        resource("apiextensions.k8s.io", "customresourcedefinitions").subresources());
    assertEquals(List.of(), resource("", "configmaps").subresources());
  }

  @Test
  void columnsAsKubeApiserverPrintsThem() {
    assertEquals(List.of("Name", "Data", "Age"), columnNames(resource("", "configmaps")));
    assertEquals(List.of("Name", "Type", "Data", "Age"), columnNames(resource("", "secrets")));
    assertEquals(List.of("Name", "Secrets", "Age"), columnNames(resource("", "serviceaccounts")));
    assertEquals(
        List.of("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"),
        columnNames(resource("", "services")));
    assertEquals(
        List.of(
            "Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector"),
        columnNames(resource("batch", "jobs")));
    assertEquals(
        List.of("Name", "Holder", "Age"), columnNames(resource("coordination.k8s.io", "leases")));
    assertEquals(
        List.of("Name", "Created At"),
        columnNames(resource("rbac.authorization.k8s.io", "clusterroles")));
    assertEquals(
        List.of("Name", "Role", "Age", "Users", "Groups", "ServiceAccounts"),
        columnNames(resource("rbac.authorization.k8s.io", "rolebindings")));
    assertEquals(
        List.of("Name", "Request", "Limit", "Age"), columnNames(resource("", "resourcequotas")));
  }

  @Test
  void coreEventsColumnsStartWithLastSeen() {
    ResourceType ev = resource("", "events");
    assertEquals(
        List.of("Last Seen", "Type", "Reason", "Object", "Message"),
        ev.printerColumns().stream()
            .filter(c -> c.priority() == 0)
            .map(PrinterColumn::name)
            .toList());
    assertEquals(columnNames(ev), columnNames(resource("events.k8s.io", "events")));
  }

  @Test
  void nameColumnFirstExceptEvents() {
    for (ResourceType t : BuiltinCatalog.all()) {
      PrinterColumn name =
          t.printerColumns().stream()
              .filter(c -> c.name().equals("Name"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no Name column: " + t.plural()));
      assertEquals("name", name.format(), t.qualifiedResource());
      assertEquals("string", name.type(), t.qualifiedResource());
      if (!t.plural().equals("events")) {
        assertEquals(name, t.printerColumns().get(0), t.qualifiedResource());
      }
    }
  }

  @Test
  void columnTypesAreValid() {
    Set<String> types = Set.of("string", "integer", "number", "boolean", "date");
    for (ResourceType t : BuiltinCatalog.all()) {
      for (PrinterColumn c : t.printerColumns()) {
        assertTrue(types.contains(c.type()), t.plural() + "." + c.name());
        assertFalse(c.description().isBlank(), t.plural() + "." + c.name());
      }
    }
  }

  @Test
  void noDuplicateResources() {
    Set<String> seen = new HashSet<>();
    for (ResourceType t : BuiltinCatalog.all()) {
      assertTrue(seen.add(t.group() + "/" + t.plural()), t.qualifiedResource());
    }
  }

  @Test
  void everyDesignKindPresent() {
    List<String> expected =
        List.of(
            "/namespaces",
            "/configmaps",
            "/secrets",
            "/serviceaccounts",
            "/services",
            "/endpoints",
            "/events",
            "events.k8s.io/events",
            "/limitranges",
            "/resourcequotas",
            "/persistentvolumeclaims",
            "/pods",
            "apps/deployments",
            "apps/statefulsets",
            "apps/daemonsets",
            "apps/replicasets",
            "apps/controllerrevisions",
            "batch/jobs",
            "batch/cronjobs",
            "networking.k8s.io/ingresses",
            "networking.k8s.io/ingressclasses",
            "networking.k8s.io/networkpolicies",
            "rbac.authorization.k8s.io/roles",
            "rbac.authorization.k8s.io/clusterroles",
            "rbac.authorization.k8s.io/rolebindings",
            "rbac.authorization.k8s.io/clusterrolebindings",
            "policy/poddisruptionbudgets",
            "autoscaling/horizontalpodautoscalers",
            "coordination.k8s.io/leases",
            "apiextensions.k8s.io/customresourcedefinitions",
            "admissionregistration.k8s.io/mutatingwebhookconfigurations",
            "admissionregistration.k8s.io/validatingwebhookconfigurations",
            "authentication.k8s.io/tokenreviews",
            "authentication.k8s.io/selfsubjectreviews",
            "authorization.k8s.io/selfsubjectaccessreviews",
            "authorization.k8s.io/subjectaccessreviews",
            "authorization.k8s.io/localsubjectaccessreviews",
            "authorization.k8s.io/selfsubjectrulesreviews",
            "tenancy.atrium.dev/workspaces",
            "tenancy.atrium.dev/workspacetypes",
            "workload.atrium.dev/synctargets",
            "workload.atrium.dev/placements",
            "apis.atrium.dev/apiexports",
            "apis.atrium.dev/apibindings");
    for (String key : expected) {
      String[] parts = key.split("/");
      assertTrue(BuiltinCatalog.byResource(parts[0], parts[1]).isPresent(), key);
    }
    assertEquals(expected.size(), BuiltinCatalog.all().size());
  }

  @Test
  void lookupByKind() {
    assertEquals("deployments", BuiltinCatalog.byKind("apps", "Deployment").orElseThrow().plural());
    assertEquals("events", BuiltinCatalog.byKind("events.k8s.io", "Event").orElseThrow().plural());
    assertTrue(BuiltinCatalog.byKind("", "Deployment").isEmpty());
    assertTrue(BuiltinCatalog.byResource("apps", "pods").isEmpty());
  }

  @Test
  void listsAreImmutable() {
    List<ResourceType> all = BuiltinCatalog.all();
    org.junit.jupiter.api.Assertions.assertThrows(
        UnsupportedOperationException.class, () -> all.get(0).verbs().add("x"));
  }
}
