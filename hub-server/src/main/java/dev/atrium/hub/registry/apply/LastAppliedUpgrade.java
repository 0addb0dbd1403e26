package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The first {@code kubectl apply --server-side} over an object managed by client-side apply may
 * take the fields of its {@code last-applied-configuration} annotation whose live value is still
 * the one last applied, without conflicts (as Kubernetes does for the manager {@code kubectl}).
 */
final class LastAppliedUpgrade {

  static final String MANAGER = "kubectl";
  static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LastAppliedUpgrade() {}

  /** True when every conflict is a field the last client-side apply set and nobody changed. */
  static boolean allowsAll(
      ObjectNode live, String manager, List<Conflict> conflicts, FieldSchema schema) {
    if (!MANAGER.equals(manager) || live == null) {
      return false;
    }
    Set<String> allowed = allowed(live, schema);
    return !allowed.isEmpty() && conflicts.stream().allMatch(c -> allowed.contains(c.field()));
  }

  private static Set<String> allowed(ObjectNode live, FieldSchema schema) {
    String text = live.path("metadata").path("annotations").path(ANNOTATION).asText("");
    if (text.isEmpty()) {
      return Set.of();
    }
    JsonNode lastApplied;
    try {
      lastApplied = JSON.readTree(text);
    } catch (Exception e) {
      return Set.of();
    }
    if (!(lastApplied instanceof ObjectNode last)) {
      return Set.of();
    }
    ObjectNode lastView = TrackedView.of(last);
    FieldSet set = ObjectFields.ofApplied(lastView, schema);
    FieldSet modified = Comparison.of(lastView, TrackedView.of(live), schema).changed();
    return set.difference(modified).paths().stream()
        .map(PathElements::display)
        .collect(Collectors.toSet());
  }
}
