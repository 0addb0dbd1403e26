package dev.atrium.hub.auth.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The RBAC objects of one logical cluster. Safe for concurrent readers and one writer per kind. */
final class ClusterPolicy {

  private volatile Map<String, RoleEntry> roles = new ConcurrentHashMap<>();
  private volatile Map<String, RoleEntry> clusterRoles = new ConcurrentHashMap<>();
  private volatile Map<String, Binding> roleBindings = new ConcurrentHashMap<>();
  private volatile Map<String, Binding> clusterRoleBindings = new ConcurrentHashMap<>();

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  void putRole(String ns, RoleEntry role) {
    roles.put(key(ns, role.name()), role);
  }

  void putClusterRole(RoleEntry role) {
    clusterRoles.put(role.name(), role);
  }

  void putBinding(Binding b) {
    if (b.namespace().isEmpty()) {
      clusterRoleBindings.put(b.name(), b);
    } else {
      roleBindings.put(key(b.namespace(), b.name()), b);
    }
  }

  void remove(String plural, String ns, String name) {
    switch (plural) {
      case RbacIndex.ROLES -> roles.remove(key(ns, name));
      case RbacIndex.CLUSTER_ROLES -> clusterRoles.remove(name);
      case RbacIndex.ROLE_BINDINGS -> roleBindings.remove(key(ns, name));
      case RbacIndex.CLUSTER_ROLE_BINDINGS -> clusterRoleBindings.remove(name);
      default -> {}
    }
  }

  /** Replaces everything of one kind (after a relist) in one step. */
  @SuppressWarnings("unchecked")
  void replace(String plural, Map<String, ?> content) {
    switch (plural) {
      case RbacIndex.ROLES -> roles = new ConcurrentHashMap<>((Map<String, RoleEntry>) content);
      case RbacIndex.CLUSTER_ROLES ->
          clusterRoles = new ConcurrentHashMap<>((Map<String, RoleEntry>) content);
      case RbacIndex.ROLE_BINDINGS ->
          roleBindings = new ConcurrentHashMap<>((Map<String, Binding>) content);
      case RbacIndex.CLUSTER_ROLE_BINDINGS ->
          clusterRoleBindings = new ConcurrentHashMap<>((Map<String, Binding>) content);
      default -> {}
    }
  }

  boolean isEmpty() {
    return roles.isEmpty()
        && clusterRoles.isEmpty()
        && roleBindings.isEmpty()
        && clusterRoleBindings.isEmpty();
  }

  Collection<Binding> clusterRoleBindings() {
    return clusterRoleBindings.values();
  }

  /** RoleBindings of one namespace. */
  List<Binding> roleBindings(String namespace) {
    List<Binding> result = new ArrayList<>();
    for (Binding b : roleBindings.values()) {
      if (b.namespace().equals(namespace)) {
        result.add(b);
      }
    }
    return result;
  }

  /** The rules of a Role, or null when it does not exist. */
  List<PolicyRule> roleRules(String namespace, String name) {
    RoleEntry role = roles.get(key(namespace, name));
    return role == null ? null : role.rules();
  }

  /**
   * The effective rules of a ClusterRole, or null when it does not exist. An aggregated role has
   * the union of the effective rules of the ClusterRoles its selectors match, as the aggregation
   * controller would write them.
   */
  List<PolicyRule> clusterRoleRules(String name) {
    RoleEntry role = clusterRoles.get(name);
    if (role == null) {
      return null;
    }
    if (!role.aggregated()) {
      return role.rules();
    }
    Set<String> visited = new HashSet<>();
    List<PolicyRule> result = new ArrayList<>();
    aggregate(role, visited, result);
    return result;
  }

  private void aggregate(RoleEntry role, Set<String> visited, List<PolicyRule> out) {
    if (!visited.add(role.name())) {
      return;
    }
    if (!role.aggregated()) {
      addAll(out, role.rules());
      return;
    }
    List<String> names = new ArrayList<>(clusterRoles.keySet());
    names.sort(null);
    for (String n : names) {
      RoleEntry other = clusterRoles.get(n);
      if (other != null && !n.equals(role.name()) && selected(role, other)) {
        aggregate(other, visited, out);
      }
    }
  }

  private static boolean selected(RoleEntry aggregator, RoleEntry candidate) {
    for (LabelMatch m : aggregator.aggregation()) {
      if (m.matches(candidate.labels())) {
        return true;
      }
    }
    return false;
  }

  private static void addAll(List<PolicyRule> out, List<PolicyRule> rules) {
    for (PolicyRule r : rules) {
      if (!out.contains(r)) {
        out.add(r);
      }
    }
  }
}
