package dev.atrium.hub.auth.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.StoredObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RbacAuthorizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UserInfo ALICE =
      new UserInfo("alice", "1", List.of("devs", "system:authenticated"));
  private static final UserInfo SA =
      new UserInfo(
          "system:serviceaccount:ns1:robot",
          "2",
          List.of("system:serviceaccounts", "system:serviceaccounts:ns1", "system:authenticated"));

  private RbacIndex index;
  private RbacAuthorizer authorizer;
  private final List<StoredObject> roles = new ArrayList<>();
  private final List<StoredObject> clusterRoles = new ArrayList<>();
  private final List<StoredObject> bindings = new ArrayList<>();
  private final List<StoredObject> clusterBindings = new ArrayList<>();

  @BeforeEach
  void setUp() {
    index = new RbacIndex();
    // no propagation sources known: an inherited binding reaches every descendant
    index.propagation = new dev.atrium.hub.registry.propagation.PropagationIndex();
    authorizer = new RbacAuthorizer();
    authorizer.index = index;
    for (ObjectNode role : DefaultRoles.objects()) {
      clusterRoles.add(stored("root", "clusterroles", "", role));
      clusterRoles.add(stored("root:team1", "clusterroles", "", role));
    }
  }

  private void load() {
    index.reset(RbacIndex.ROLES, roles);
    index.reset(RbacIndex.CLUSTER_ROLES, clusterRoles);
    index.reset(RbacIndex.ROLE_BINDINGS, bindings);
    index.reset(RbacIndex.CLUSTER_ROLE_BINDINGS, clusterBindings);
    assertTrue(index.isReady());
  }

  private static StoredObject stored(String cluster, String plural, String ns, ObjectNode body) {
    String name = body.path("metadata").path("name").asText();
    return new StoredObject(new ObjectKey(cluster, RbacIndex.GROUP, plural, ns, name), body, 1);
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean can(
      UserInfo u,
      String cluster,
      String verb,
      String group,
      String resource,
      String sub,
      String ns,
      String name) {
    return authorizer.allowed(
        u, cluster, Attributes.resource(verb, group, resource, sub, ns, name));
  }

  private void role(String cluster, String ns, String name, String rules) {
    roles.add(
        stored(
            cluster,
            "roles",
            ns,
            json(
                "{'metadata':{'name':'"
                    + name
                    + "','namespace':'"
                    + ns
                    + "'},'rules':"
                    + rules
                    + "}")));
  }

  private void binding(
      String cluster, String ns, String name, String kind, String role, String subjects) {
    bindings.add(
        stored(
            cluster,
            "rolebindings",
            ns,
            json(
                "{'metadata':{'name':'"
                    + name
                    + "','namespace':'"
                    + ns
                    + "'},'roleRef':{'apiGroup':"
                    + "'rbac.authorization.k8s.io','kind':'"
                    + kind
                    + "','name':'"
                    + role
                    + "'},'subjects':"
                    + subjects
                    + "}")));
  }

  private void clusterBinding(
      String cluster, String name, String role, String subjects, boolean propagate) {
    String labels = propagate ? ",'labels':{'policy.atrium.dev/propagate':'true'}" : "";
    clusterBindings.add(
        stored(
            cluster,
            "clusterrolebindings",
            "",
            json(
                "{'metadata':{'name':'"
                    + name
                    + "'"
                    + labels
                    + "},'roleRef':{'apiGroup':"
                    + "'rbac.authorization.k8s.io','kind':'ClusterRole','name':'"
                    + role
                    + "'},'subjects':"
                    + subjects
                    + "}")));
  }

  @Test
  void ruleMatchingVerbsResourcesSubresourcesAndNames() {
    PolicyRule rule =
        new PolicyRule(
            List.of("get", "list"),
            List.of("apps"),
            List.of("deployments/scale", "*/status"),
            List.of(),
            List.of());
    assertTrue(
        RuleMatcher.allows(
            rule, Attributes.resource("get", "apps", "deployments", "scale", "ns", "d")));
    assertFalse(
        RuleMatcher.allows(rule, Attributes.resource("get", "apps", "deployments", "", "ns", "d")));
    assertTrue(
        RuleMatcher.allows(
            rule, Attributes.resource("list", "apps", "replicasets", "status", "ns", "")));
    assertFalse(
        RuleMatcher.allows(
            rule, Attributes.resource("update", "apps", "replicasets", "status", "ns", "")));
    assertFalse(
        RuleMatcher.allows(rule, Attributes.resource("get", "", "deployments", "scale", "ns", "")));
    PolicyRule star = PolicyRule.resource(List.of("*"), List.of("*"), List.of("*"));
    assertTrue(
        RuleMatcher.allows(
            star, Attributes.resource("escalate", "x.io", "things", "sub", "", "n")));
    assertFalse(RuleMatcher.allows(star, Attributes.nonResource("get", "/healthz")));
    PolicyRule named =
        new PolicyRule(List.of("get"), List.of(""), List.of("configmaps"), List.of("a"), List.of());
    assertTrue(
        RuleMatcher.allows(named, Attributes.resource("get", "", "configmaps", "", "n", "a")));
    assertFalse(
        RuleMatcher.allows(named, Attributes.resource("get", "", "configmaps", "", "n", "b")));
    assertFalse(
        RuleMatcher.allows(named, Attributes.resource("get", "", "configmaps", "", "n", "")));
    PolicyRule urls = PolicyRule.nonResource(List.of("get"), List.of("/logs/*", "/metrics"));
    assertTrue(RuleMatcher.allows(urls, Attributes.nonResource("get", "/logs/a/b")));
    assertTrue(RuleMatcher.allows(urls, Attributes.nonResource("get", "/metrics")));
    assertFalse(RuleMatcher.allows(urls, Attributes.nonResource("get", "/metrics/x")));
    assertFalse(RuleMatcher.allows(urls, Attributes.nonResource("post", "/metrics")));
    assertFalse(RuleMatcher.allows(urls, Attributes.resource("get", "", "logs", "", "", "")));
  }

  @Test
  void roleBindingGrantsOnlyInItsNamespace() {
    role(
        "root",
        "ns1",
        "cm-reader",
        "[{'verbs':['get','list'],'apiGroups':['']," + "'resources':['configmaps']}]");
    binding("root", "ns1", "b1", "Role", "cm-reader", "[{'kind':'User','name':'alice'}]");
    load();
    assertTrue(can(ALICE, "root", "get", "", "configmaps", "", "ns1", "x"));
    assertTrue(can(ALICE, "root", "list", "", "configmaps", "", "ns1", ""));
    assertFalse(can(ALICE, "root", "delete", "", "configmaps", "", "ns1", "x"));
    assertFalse(can(ALICE, "root", "get", "", "configmaps", "", "ns2", "x"));
    assertFalse(can(ALICE, "root", "list", "", "configmaps", "", "", ""));
    assertFalse(can(ALICE, "root:team1", "get", "", "configmaps", "", "ns1", "x"));
    assertFalse(can(SA, "root", "get", "", "configmaps", "", "ns1", "x"));
  }

  @Test
  void subjectsServiceAccountsAndGroups() {
    binding(
        "root", "ns1", "b1", "ClusterRole", "view", "[{'kind':'ServiceAccount','name':'robot'}]");
    binding(
        "root",
        "ns2",
        "b2",
        "ClusterRole",
        "edit",
        "[{'kind':'Group','name':'system:serviceaccounts:ns1'}]");
    binding(
        "root",
        "ns3",
        "b3",
        "ClusterRole",
        "view",
        "[{'kind':'ServiceAccount','name':'robot','namespace':'other'}]");
    load();
    assertTrue(can(SA, "root", "list", "apps", "deployments", "", "ns1", ""));
    assertFalse(can(SA, "root", "create", "apps", "deployments", "", "ns1", ""));
    assertTrue(can(SA, "root", "create", "apps", "deployments", "", "ns2", ""));
    assertTrue(can(SA, "root", "get", "", "secrets", "", "ns2", "s"));
    assertFalse(can(SA, "root", "get", "", "secrets", "", "ns1", "s"));
    assertFalse(can(SA, "root", "list", "", "pods", "", "ns3", ""));
    assertFalse(can(ALICE, "root", "list", "apps", "deployments", "", "ns1", ""));
  }

  @Test
  void mastersBypassAndDiscoveryForEveryone() {
    load();
    UserInfo admin = new UserInfo("admin", "0", List.of("system:masters"));
    assertTrue(can(admin, "root:any", "delete", "x", "y", "", "", "z"));
    assertTrue(authorizer.allowed(ALICE, "root:any", Attributes.nonResource("get", "/api")));
    assertTrue(
        authorizer.allowed(ALICE, "root", Attributes.nonResource("get", "/openapi/v3/apis")));
    assertFalse(authorizer.allowed(ALICE, "root", Attributes.nonResource("get", "/metrics")));
    assertTrue(
        can(
            ALICE,
            "root",
            "create",
            "authorization.k8s.io",
            "selfsubjectaccessreviews",
            "",
            "",
            ""));
    assertFalse(
        can(ALICE, "root", "create", "authorization.k8s.io", "subjectaccessreviews", "", "", ""));
    assertFalse(can(ALICE, "*", "list", "", "configmaps", "", "", ""));
  }

  @Test
  void aggregationIsComputedOnRead() {
    clusterBinding("root", "viewers", "view", "[{'kind':'Group','name':'devs'}]", false);
    clusterBinding("root", "admins", "admin", "[{'kind':'User','name':'bob'}]", false);
    load();
    UserInfo bob = new UserInfo("bob", "3", List.of("system:authenticated"));
    assertTrue(can(ALICE, "root", "list", "", "configmaps", "", "", ""));
    assertFalse(can(ALICE, "root", "list", "", "secrets", "", "", ""));
    assertFalse(can(ALICE, "root", "list", "example.com", "widgets", "", "", ""));
    assertTrue(
        can(bob, "root", "create", "rbac.authorization.k8s.io", "rolebindings", "", "n", ""));
    assertTrue(can(bob, "root", "update", "apps", "deployments", "scale", "n", "d"));
    assertTrue(can(bob, "root", "list", "", "configmaps", "", "n", ""));
    assertFalse(can(bob, "root", "create", "", "namespaces", "", "", ""));

    ObjectNode widgets =
        json(
            "{'metadata':{'name':'widget-view','labels':{"
                + "'rbac.authorization.k8s.io/aggregate-to-view':'true'}},'rules':[{'verbs':['get','list'],"
                + "'apiGroups':['example.com'],'resources':['widgets']}]}");
    index.apply(RbacIndex.CLUSTER_ROLES, stored("root", "clusterroles", "", widgets));
    assertTrue(can(ALICE, "root", "list", "example.com", "widgets", "", "", ""));
    assertTrue(can(bob, "root", "get", "example.com", "widgets", "", "n", "w"));
    index.remove(
        RbacIndex.CLUSTER_ROLES,
        new ObjectKey("root", RbacIndex.GROUP, "clusterroles", "", "widget-view"));
    assertFalse(can(ALICE, "root", "list", "example.com", "widgets", "", "", ""));

    List<PolicyRule> admin = index.roleRules("root", "", "ClusterRole", "admin");
    List<PolicyRule> prefilled =
        PolicyRule.listFromJson(DefaultRoles.objects().get(1).path("rules"));
    assertTrue(Covers.uncovered(admin, prefilled).isEmpty());
    assertTrue(Covers.uncovered(prefilled, admin).isEmpty());
  }

  @Test
  void propagatedClusterRoleBindingsGrantInDescendants() {
    clusterBinding(
        "root",
        "inherited",
        "view",
        "[{'kind':'User','name':'alice'},"
            + "{'kind':'ServiceAccount','name':'robot','namespace':'ns1'}]",
        true);
    clusterBinding("root", "local", "edit", "[{'kind':'User','name':'alice'}]", false);
    load();
    assertTrue(can(ALICE, "root", "create", "", "configmaps", "", "n", ""));
    assertTrue(can(ALICE, "root:team1", "list", "", "configmaps", "", "n", ""));
    assertTrue(can(ALICE, "root:team1:deep", "list", "", "configmaps", "", "n", ""));
    assertFalse(can(ALICE, "root:team1", "create", "", "configmaps", "", "n", ""));
    assertTrue(can(SA, "root", "list", "", "configmaps", "", "n", ""));
    assertFalse(can(SA, "root:team1", "list", "", "configmaps", "", "n", ""));
    assertEquals(List.of("root:a:b", "root:a", "root"), RbacIndex.ancestors("root:a:b:c"));
    assertEquals(List.of(), RbacIndex.ancestors("root"));
  }

  @Test
  void escalationCoverage() {
    List<PolicyRule> owner =
        List.of(
            PolicyRule.resource(
                List.of("get", "list"), List.of(""), List.of("configmaps", "*/status")),
            new PolicyRule(
                List.of("update"), List.of(""), List.of("secrets"), List.of("s1"), List.of()),
            PolicyRule.nonResource(List.of("get"), List.of("/logs/*")));
    List<PolicyRule> ok =
        List.of(
            PolicyRule.resource(List.of("get"), List.of(""), List.of("configmaps", "pods/status")),
            new PolicyRule(
                List.of("update"), List.of(""), List.of("secrets"), List.of("s1"), List.of()),
            PolicyRule.nonResource(List.of("get"), List.of("/logs/x")));
    assertTrue(Covers.uncovered(owner, ok).isEmpty());
    List<PolicyRule> bad =
        List.of(
            PolicyRule.resource(List.of("get", "delete"), List.of(""), List.of("configmaps")),
            PolicyRule.resource(List.of("update"), List.of(""), List.of("secrets")));
    List<PolicyRule> missing = Covers.uncovered(owner, bad);
    assertEquals(2, missing.size());
    assertEquals(
        "{APIGroups:[\"\"], Resources:[\"configmaps\"], Verbs:[\"delete\"]}",
        missing.get(0).compactString());
    assertTrue(Covers.uncovered(BasePolicy.MASTERS_RULES, bad).isEmpty());
  }

  @Test
  void rulesForListsWhatApplies() {
    role(
        "root",
        "ns1",
        "r",
        "[{'verbs':['get'],'apiGroups':[''],'resources':['configmaps'],"
            + "'resourceNames':['a']}]");
    binding("root", "ns1", "b", "Role", "r", "[{'kind':'User','name':'alice'}]");
    load();
    List<PolicyRule> rules = authorizer.rulesFor(ALICE, "root", "ns1");
    assertTrue(rules.containsAll(BasePolicy.AUTHENTICATED_RULES));
    assertTrue(rules.stream().anyMatch(r -> r.resourceNames().equals(List.of("a"))));
    assertEquals(
        BasePolicy.AUTHENTICATED_RULES.size(), authorizer.rulesFor(ALICE, "root", "ns2").size());
  }
}
