package dev.atrium.hub.auth.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Kubernetes' {@code validation.Covers}: breaks the requested rules down into single
 * verb/group/resource/name rules and returns those no owner rule covers (empty = no escalation).
 */
public final class Covers {

  private Covers() {}

  public static List<PolicyRule> uncovered(
      Collection<PolicyRule> owner, Collection<PolicyRule> requested) {
    List<PolicyRule> missing = new ArrayList<>();
    for (PolicyRule rule : requested) {
      for (PolicyRule sub : breakdown(rule)) {
        if (owner.stream().noneMatch(o -> ruleCovers(o, sub))) {
          missing.add(sub);
        }
      }
    }
    return missing;
  }

  static List<PolicyRule> breakdown(PolicyRule rule) {
    List<PolicyRule> subs = new ArrayList<>();
    for (String group : rule.apiGroups()) {
      for (String resource : rule.resources()) {
        for (String verb : rule.verbs()) {
          if (rule.resourceNames().isEmpty()) {
            subs.add(PolicyRule.resource(List.of(verb), List.of(group), List.of(resource)));
          }
          for (String name : rule.resourceNames()) {
            subs.add(
                new PolicyRule(
                    List.of(verb), List.of(group), List.of(resource), List.of(name), List.of()));
          }
        }
      }
    }
    for (String url : rule.nonResourceURLs()) {
      for (String verb : rule.verbs()) {
        subs.add(PolicyRule.nonResource(List.of(verb), List.of(url)));
      }
    }
    return subs;
  }

  static boolean ruleCovers(PolicyRule owner, PolicyRule sub) {
    boolean verbs = hasAllOrStar(owner.verbs(), sub.verbs());
    boolean groups = hasAllOrStar(owner.apiGroups(), sub.apiGroups());
    boolean resources = resourcesCover(owner.resources(), sub.resources());
    boolean urls = urlsCover(owner.nonResourceURLs(), sub.nonResourceURLs());
    boolean names =
        sub.resourceNames().isEmpty()
            ? owner.resourceNames().isEmpty()
            : owner.resourceNames().isEmpty()
                || owner.resourceNames().containsAll(sub.resourceNames());
    return verbs && groups && resources && names && urls;
  }

  private static boolean hasAllOrStar(List<String> owner, List<String> wanted) {
    return owner.contains(PolicyRule.ALL) || owner.containsAll(wanted);
  }

  private static boolean resourcesCover(List<String> owner, List<String> wanted) {
    if (owner.contains(PolicyRule.ALL) || owner.containsAll(wanted)) {
      return true;
    }
    for (String path : wanted) {
      if (owner.contains(path)) {
        continue;
      }
      int slash = path.indexOf('/');
      if (slash < 0 || !owner.contains("*/" + path.substring(slash + 1))) {
        return false;
      }
    }
    return true;
  }

  private static boolean urlsCover(List<String> owner, List<String> wanted) {
    for (String path : wanted) {
      boolean covered = false;
      for (String o : owner) {
        if (o.equals(path)
            || (o.endsWith("*") && path.startsWith(o.substring(0, o.length() - 1)))) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        return false;
      }
    }
    return true;
  }
}
