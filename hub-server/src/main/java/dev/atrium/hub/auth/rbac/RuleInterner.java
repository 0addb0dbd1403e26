package dev.atrium.hub.auth.rbac;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Shares equal rule lists between roles (the default roles repeat in every workspace). */
final class RuleInterner {

  private static final int MAX = 10_000;
  private static final ConcurrentHashMap<List<PolicyRule>, List<PolicyRule>> POOL =
      new ConcurrentHashMap<>();

  private RuleInterner() {}

  static List<PolicyRule> intern(List<PolicyRule> rules) {
    List<PolicyRule> copy = List.copyOf(rules);
    if (POOL.size() >= MAX) {
      return POOL.getOrDefault(copy, copy);
    }
    List<PolicyRule> existing = POOL.putIfAbsent(copy, copy);
    return existing == null ? copy : existing;
  }
}
