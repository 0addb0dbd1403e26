package dev.atrium.hub.registry.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.model.workload.Workload;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decisions of every workspace's Placements, as the placement controller last made them: which
 * target keys the objects of a namespace (by its labels) must be labelled for. Creates read it so
 * that an object is labelled from its first revision on.
 */
@ApplicationScoped
public class PlacementIndex {

  /** One Placement's namespace selector and chosen keys. */
  public record Decision(String name, LabelSelector namespaces, List<String> keys) {}

  private static final Set<String> NOT_PLACED =
      Set.of(
          "/events",
          "events.k8s.io/events",
          "coordination.k8s.io/leases",
          "/endpoints",
          "discovery.k8s.io/endpointslices",
          "apps/controllerrevisions");

  private final Map<String, Map<String, Decision>> byWorkspace = new ConcurrentHashMap<>();

  public void put(String workspace, Decision decision) {
    byWorkspace
        .computeIfAbsent(workspace, w -> new ConcurrentHashMap<>())
        .put(decision.name(), decision);
  }

  public void remove(String workspace, String name) {
    Map<String, Decision> decisions = byWorkspace.get(workspace);
    if (decisions != null) {
      decisions.remove(name);
      if (decisions.isEmpty()) {
        byWorkspace.remove(workspace);
      }
    }
  }

  /** Whether any Placement exists in {@code workspace} (the common case is none: no extra read). */
  public boolean active(String workspace) {
    return byWorkspace.containsKey(workspace);
  }

  public Collection<Decision> decisions(String workspace) {
    return byWorkspace.getOrDefault(workspace, Map.of()).values();
  }

  /** The keys the objects of a namespace with {@code namespaceLabels} go to, sorted. */
  public Set<String> keysFor(String workspace, Map<String, String> namespaceLabels) {
    Set<String> keys = new TreeSet<>();
    for (Decision d : decisions(workspace)) {
      if (d.namespaces().matches(namespaceLabels)) {
        keys.addAll(d.keys());
      }
    }
    return keys;
  }

  /** Whether Placements label objects of this resource (not events, leases, endpoints...). */
  public static boolean placeable(String group, String resource, JsonNode object) {
    if (NOT_PLACED.contains(group + "/" + resource)) {
      return false;
    }
    if (group.isEmpty() && resource.equals("serviceaccounts")) {
      return !"default".equals(object.path("metadata").path("name").asText());
    }
    if (group.isEmpty() && resource.equals("secrets")) {
      return !"kubernetes.io/service-account-token".equals(object.path("type").asText());
    }
    return true;
  }

  /**
   * Makes {@code object}'s placement-set state labels exactly {@code keys}: adds the missing ones,
   * removes those it set before for keys no longer wanted (labels users set themselves stay), and
   * records the keys in {@link Workload#PLACED_ANNOTATION}. Returns whether anything changed.
   */
  public static boolean label(ObjectNode object, Set<String> keys) {
    ObjectNode meta = ObjectMeta.of(object);
    String recorded = meta.path("annotations").path(Workload.PLACED_ANNOTATION).asText("");
    Set<String> before = new TreeSet<>();
    for (String k : recorded.split(",")) {
      if (!k.isBlank()) {
        before.add(k.trim());
      }
    }
    boolean changed = false;
    ObjectNode labels = meta.with("labels");
    for (String k : before) {
      if (!keys.contains(k) && labels.has(Workload.stateLabel(k))) {
        labels.remove(Workload.stateLabel(k));
        changed = true;
      }
    }
    for (String k : keys) {
      if (!Workload.STATE_SYNC.equals(labels.path(Workload.stateLabel(k)).asText(""))) {
        labels.put(Workload.stateLabel(k), Workload.STATE_SYNC);
        changed = true;
      }
    }
    if (labels.isEmpty()) {
      meta.remove("labels");
    }
    String now = String.join(",", new ArrayList<>(keys));
    if (!now.equals(recorded)) {
      if (now.isEmpty()) {
        if (meta.get("annotations") instanceof ObjectNode a) {
          a.remove(Workload.PLACED_ANNOTATION);
        }
      } else {
        meta.with("annotations").put(Workload.PLACED_ANNOTATION, now);
      }
      changed = true;
    }
    return changed;
  }
}
