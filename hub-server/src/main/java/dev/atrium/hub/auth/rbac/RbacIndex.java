package dev.atrium.hub.auth.rbac;

import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.propagation.Propagation;
import dev.atrium.hub.registry.propagation.PropagationIndex;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StoreFeed;
import dev.atrium.hub.storage.StoreFeeds;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.WatchEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * In-memory RBAC objects of every logical cluster, listed at start and kept current from the change
 * feed. Answers "which rules apply to this user in (cluster, namespace)", including
 * ClusterRoleBindings of ancestor workspaces labelled {@code policy.atrium.dev/propagate: "true"}
 * (narrowed by their {@code policy.atrium.dev/workspace-selector}). The copies propagation writes
 * of such bindings ({@code policy.atrium.dev/origin}) grant nothing themselves: the inherited
 * source already grants, with its role resolved where it was defined and without ServiceAccount
 * subjects, which a copy could not express.
 */
@ApplicationScoped
public class RbacIndex {

  public static final String GROUP = "rbac.authorization.k8s.io";
  public static final String ROLES = "roles";
  public static final String CLUSTER_ROLES = "clusterroles";
  public static final String ROLE_BINDINGS = "rolebindings";
  public static final String CLUSTER_ROLE_BINDINGS = "clusterrolebindings";
  private static final List<String> KINDS =
      List.of(ROLES, CLUSTER_ROLES, ROLE_BINDINGS, CLUSTER_ROLE_BINDINGS);

  @Inject GenericRegistry registry;
  @Inject PropagationIndex propagation;
  @Inject StoreFeeds feeds;
  @Inject Vertx vertx;

  private final Map<String, ClusterPolicy> clusters = new ConcurrentHashMap<>();
  private final Set<String> loaded = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  void start(@Observes StartupEvent event) {
    for (String plural : KINDS) {
      ResourceScope scope = new ResourceScope(ResourceScope.ALL_CLUSTERS, GROUP, plural, "");
      feeds.start(scope, new KindHandler(plural), true);
    }
  }

  public boolean isReady() {
    return ready.isDone();
  }

  /** Completes once every kind has been listed. */
  public Uni<Void> ready() {
    return isReady() ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(ready);
  }

  /**
   * Calls {@code visitor} with every rule that applies to {@code user} in ({@code cluster}, {@code
   * namespace}) until it returns true; returns whether it did. Namespace "" means cluster-wide
   * rules only.
   */
  public boolean visitRules(
      UserInfo user, String cluster, String namespace, Predicate<PolicyRule> visitor) {
    ClusterPolicy own = clusters.get(cluster);
    if (own != null) {
      for (Binding b : own.clusterRoleBindings()) {
        if (b.appliesTo(user) && visit(own.clusterRoleRules(b.roleName()), visitor)) {
          return true;
        }
      }
      if (!namespace.isEmpty()) {
        for (Binding b : own.roleBindings(namespace)) {
          if (b.appliesTo(user) && visit(bindingRules(own, b), visitor)) {
            return true;
          }
        }
      }
    }
    for (String ancestor : ancestors(cluster)) {
      ClusterPolicy policy = clusters.get(ancestor);
      if (policy == null) {
        continue;
      }
      for (Binding b : policy.clusterRoleBindings()) {
        if (b.propagate()
            && inherited(b).appliesTo(user)
            && propagation.bindingReaches(ancestor, b.name(), cluster)
            && visit(policy.clusterRoleRules(b.roleName()), visitor)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The rules of the role a binding refers to, or null when it does not exist (yet). */
  public List<PolicyRule> roleRules(String cluster, String namespace, String kind, String name) {
    ClusterPolicy policy = clusters.get(cluster);
    if (policy == null) {
      return null;
    }
    return "ClusterRole".equals(kind)
        ? policy.clusterRoleRules(name)
        : policy.roleRules(namespace, name);
  }

  private static List<PolicyRule> bindingRules(ClusterPolicy policy, Binding b) {
    return b.refersToClusterRole()
        ? policy.clusterRoleRules(b.roleName())
        : policy.roleRules(b.namespace(), b.roleName());
  }

  /**
   * A binding as it applies below its workspace: ServiceAccounts are workspace-local identities, so
   * ServiceAccount subjects never match in descendants.
   */
  private static Binding inherited(Binding b) {
    List<Subject> subjects = new ArrayList<>();
    for (Subject s : b.subjects()) {
      if (!"ServiceAccount".equals(s.kind())) {
        subjects.add(s);
      }
    }
    return new Binding(b.namespace(), b.name(), b.roleKind(), b.roleName(), subjects, true);
  }

  private static boolean visit(List<PolicyRule> rules, Predicate<PolicyRule> visitor) {
    if (rules == null) {
      return false;
    }
    for (PolicyRule r : rules) {
      if (visitor.test(r)) {
        return true;
      }
    }
    return false;
  }

  /** "root:a:b" → ["root:a", "root"]. */
  static List<String> ancestors(String cluster) {
    List<String> result = new ArrayList<>();
    int i = cluster.lastIndexOf(':');
    while (i > 0) {
      cluster = cluster.substring(0, i);
      result.add(cluster);
      i = cluster.lastIndexOf(':');
    }
    return result;
  }

  void apply(String plural, StoredObject o) {
    ClusterPolicy policy = clusters.computeIfAbsent(o.key().cluster(), c -> new ClusterPolicy());
    switch (plural) {
      case ROLES -> policy.putRole(o.key().namespace(), RoleEntry.fromJson(o.body()));
      case CLUSTER_ROLES -> policy.putClusterRole(RoleEntry.fromJson(o.body()));
      default -> {
        if (copiedClusterBinding(plural, o)) {
          policy.remove(plural, o.key().namespace(), o.key().name());
        } else {
          policy.putBinding(Binding.fromJson(o.body()));
        }
      }
    }
  }

  void remove(String plural, ObjectKey key) {
    ClusterPolicy policy = clusters.get(key.cluster());
    if (policy != null) {
      policy.remove(plural, key.namespace(), key.name());
      if (policy.isEmpty()) {
        clusters.remove(key.cluster(), policy);
      }
    }
  }

  void reset(String plural, List<StoredObject> items) {
    Map<String, Map<String, Object>> byCluster = new HashMap<>();
    for (StoredObject o : items) {
      if (copiedClusterBinding(plural, o)) {
        continue;
      }
      ObjectKey k = o.key();
      Object entry =
          plural.endsWith("bindings") ? Binding.fromJson(o.body()) : RoleEntry.fromJson(o.body());
      byCluster
          .computeIfAbsent(k.cluster(), c -> new HashMap<>())
          .put(
              plural.startsWith("cluster") ? k.name() : ClusterPolicy.key(k.namespace(), k.name()),
              entry);
    }
    for (Map.Entry<String, ClusterPolicy> e : clusters.entrySet()) {
      if (!byCluster.containsKey(e.getKey())) {
        e.getValue().replace(plural, Map.of());
      }
    }
    byCluster.forEach(
        (cluster, content) ->
            clusters.computeIfAbsent(cluster, c -> new ClusterPolicy()).replace(plural, content));
    loaded.add(plural);
    if (loaded.size() == KINDS.size()) {
      ready.complete(null);
    }
  }

  /** A propagated copy of a ClusterRoleBinding: it grants through inheritance, not as a copy. */
  private static boolean copiedClusterBinding(String plural, StoredObject o) {
    return CLUSTER_ROLE_BINDINGS.equals(plural) && Propagation.isCopy(o.body());
  }

  /** Applies one kind's feed to the index. */
  private final class KindHandler implements StoreFeed.Handler {
    private final String plural;

    KindHandler(String plural) {
      this.plural = plural;
    }

    @Override
    public void reset(List<StoredObject> items) {
      RbacIndex.this.reset(plural, items);
    }

    @Override
    public void onEvent(WatchEvent event) {
      if (event.type() == WatchEvent.Type.DELETED) {
        remove(plural, event.object().key());
      } else {
        apply(plural, event.object());
      }
    }
  }
}
