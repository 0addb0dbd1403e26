package dev.atrium.hub.registry.apply;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One field an apply would change that another manager owns.
 *
 * @param manager how Kubernetes names the owner, e.g. {@code "kubectl-client-side-apply" using
 *     apps/v1}
 * @param field the field path, e.g. {@code .spec.replicas}
 */
public record Conflict(String manager, String field) {

  /** The Status message Kubernetes gives for these conflicts. */
  public static String message(List<Conflict> conflicts) {
    if (conflicts.size() == 1) {
      Conflict c = conflicts.get(0);
      return "Apply failed with 1 conflict: conflict with " + c.manager() + ": " + c.field();
    }
    StringBuilder b =
        new StringBuilder("Apply failed with ").append(conflicts.size()).append(" conflicts: ");
    var byManager =
        conflicts.stream()
            .collect(
                Collectors.groupingBy(
                    Conflict::manager,
                    java.util.TreeMap::new,
                    Collectors.mapping(Conflict::field, Collectors.toList())));
    boolean first = true;
    for (var e : byManager.entrySet()) {
      if (!first) {
        b.append('\n');
      }
      first = false;
      b.append("conflicts with ").append(e.getKey()).append(':');
      e.getValue().forEach(f -> b.append("\n- ").append(f));
    }
    return b.toString();
  }
}
