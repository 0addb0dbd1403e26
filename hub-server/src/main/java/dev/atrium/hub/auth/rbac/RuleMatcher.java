package dev.atrium.hub.auth.rbac;

import java.util.Collection;

/** Kubernetes' {@code RuleAllows}: whether one policy rule grants a request. */
public final class RuleMatcher {

  private RuleMatcher() {}

  public static boolean anyAllows(Collection<PolicyRule> rules, Attributes a) {
    for (PolicyRule r : rules) {
      if (allows(r, a)) {
        return true;
      }
    }
    return false;
  }

  public static boolean allows(PolicyRule rule, Attributes a) {
    if (!verbMatches(rule, a.verb())) {
      return false;
    }
    if (a.resourceRequest()) {
      return apiGroupMatches(rule, a.group())
          && resourceMatches(rule, a.combinedResource(), a.subresource())
          && resourceNameMatches(rule, a.name());
    }
    return nonResourceUrlMatches(rule, a.path());
  }

  static boolean verbMatches(PolicyRule rule, String verb) {
    return rule.verbs().contains(PolicyRule.ALL) || rule.verbs().contains(verb);
  }

  static boolean apiGroupMatches(PolicyRule rule, String group) {
    return rule.apiGroups().contains(PolicyRule.ALL) || rule.apiGroups().contains(group);
  }

  static boolean resourceMatches(PolicyRule rule, String combined, String subresource) {
    for (String r : rule.resources()) {
      if (r.equals(PolicyRule.ALL) || r.equals(combined)) {
        return true;
      }
      if (!subresource.isEmpty()
          && r.length() == subresource.length() + 2
          && r.startsWith("*/")
          && r.endsWith(subresource)) {
        return true;
      }
    }
    return false;
  }

  static boolean resourceNameMatches(PolicyRule rule, String name) {
    return rule.resourceNames().isEmpty() || rule.resourceNames().contains(name);
  }

  static boolean nonResourceUrlMatches(PolicyRule rule, String path) {
    for (String url : rule.nonResourceURLs()) {
      if (url.equals(PolicyRule.ALL) || url.equals(path)) {
        return true;
      }
      if (url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1))) {
        return true;
      }
    }
    return false;
  }
}
