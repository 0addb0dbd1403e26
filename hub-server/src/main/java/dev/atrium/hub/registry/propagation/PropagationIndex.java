package dev.atrium.hub.registry.propagation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.ApiResources;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.Write;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.model.catalog.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jboss.logging.Logger;

/**
 * What propagation knows, in memory: the sources (objects labelled to propagate) of every
 * workspace, the workspaces with their labels, the active namespaces, and the copies. Kept current
 * by the propagation controller from change feeds; read by it, by workspace initialization (the
 * copies a new workspace starts with) and by RBAC (the workspace selector of an inherited
 * ClusterRoleBinding).
 */
@ApplicationScoped
public class PropagationIndex {

  private static final Logger LOG = Logger.getLogger(PropagationIndex.class);
  public static final String MANAGER = "atrium-propagation-controller";

  /**
   * Copies are written without managedFields entries (as if already tracked): they belong to no
   * client, and a copy into 10,000 workspaces should not carry 10,000 times a field list.
   */
  public static final WriteOptions OPTIONS = new WriteOptions(false, MANAGER, true);

  @Inject GenericRegistry registry;
  @Inject ApiResources apiResources;

  /** A source's identity: its workspace, kind (index in {@link Propagation#KINDS}) and name. */
  public record SourceKey(String cluster, int kind, String namespace, String name) {
    public Propagation.Kind kindInfo() {
      return Propagation.KINDS.get(kind);
    }

    /** Where a copy of this source goes in {@code workspace}. */
    public ObjectKey target(String workspace) {
      Propagation.Kind k = kindInfo();
      return new ObjectKey(workspace, k.group(), k.plural(), namespace, name);
    }

    public SourceKey at(String workspace) {
      return new SourceKey(workspace, kind, namespace, name);
    }

    public static SourceKey of(ObjectKey key) {
      return new SourceKey(
          key.cluster(),
          Propagation.kindIndex(key.group(), key.resource()),
          key.namespace(),
          key.name());
    }
  }

  /** A workspace as propagation sees it. */
  public record WorkspaceInfo(Map<String, String> labels, boolean ready, boolean terminating) {}

  private final Map<SourceKey, StoredObject> sources = new ConcurrentHashMap<>();
  private final Map<String, Set<SourceKey>> sourcesByCluster = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<String, WorkspaceInfo> workspaces =
      new ConcurrentSkipListMap<>();
  private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
  private final Map<String, Map<ObjectKey, StoredObject>> copies = new ConcurrentHashMap<>();

  /** The copy of each source as it is written below, for the source's current revision. */
  private record Desired(StoredObject source, ObjectNode copy) {}

  private final Map<ObjectKey, Desired> desired = new ConcurrentHashMap<>();

  /** The parsed workspace selector of each source, for the source's current revision. */
  private record Parsed(long revision, LabelSelector selector) {}

  private final Map<ObjectKey, Parsed> selectors = new ConcurrentHashMap<>();

  // --- sources -------------------------------------------------------------------------------

  public void putSource(StoredObject source) {
    SourceKey key = SourceKey.of(source.key());
    sources.put(key, source);
    sourcesByCluster.computeIfAbsent(key.cluster(), c -> ConcurrentHashMap.newKeySet()).add(key);
  }

  public void removeSource(SourceKey key) {
    StoredObject gone = sources.remove(key);
    if (gone != null) {
      desired.remove(gone.key());
      selectors.remove(gone.key());
    }
    Set<SourceKey> at = sourcesByCluster.get(key.cluster());
    if (at != null) {
      at.remove(key);
    }
  }

  /** Replaces the sources of kind {@code kind}. */
  public void resetSources(int kind, List<StoredObject> items) {
    List<SourceKey> old = new ArrayList<>();
    sources.keySet().forEach(k -> old.add(k));
    old.stream().filter(k -> k.kind() == kind).forEach(this::removeSource);
    items.forEach(this::putSource);
  }

  /**
   * {@link Propagation#copyOf} of {@code source}, computed once per revision of the source; shared,
   * read-only (callers deep-copy what they hand to a write).
   */
  public ObjectNode desired(StoredObject source) {
    Desired d = desired.get(source.key());
    if (d != null && d.source().revision() == source.revision()) {
      return d.copy();
    }
    ObjectNode copy = Propagation.copyOf(source.body(), source.key().cluster());
    desired.put(source.key(), new Desired(source, copy));
    return copy;
  }

  /** {@link Propagation#workspaceSelector} of {@code source}, parsed once per revision. */
  public LabelSelector selector(StoredObject source) {
    Parsed p = selectors.get(source.key());
    if (p != null && p.revision() == source.revision()) {
      return p.selector();
    }
    LabelSelector selector = Propagation.workspaceSelector(source.body());
    selectors.put(source.key(), new Parsed(source.revision(), selector));
    return selector;
  }

  private boolean selects(StoredObject source, Map<String, String> labels) {
    LabelSelector selector = selector(source);
    return selector.isEmpty() || selector.matches(labels);
  }

  /** Whether {@code object} (a copy) is what its deciding source wants there. */
  public boolean upToDate(StoredObject object) {
    ObjectKey key = object.key();
    SourceKey name = SourceKey.of(key);
    if (name.kind() < 0) {
      return false;
    }
    if (name.kindInfo().namespaced() && !namespaceActive(key.cluster(), key.namespace())) {
      return false;
    }
    Optional<StoredObject> chosen = chosen(key.cluster(), name);
    return chosen.isPresent()
        && Propagation.isCopy(object.body())
        && Propagation.sameAsCopy(object.body(), desired(chosen.get()));
  }

  public StoredObject source(SourceKey key) {
    return sources.get(key);
  }

  public Collection<SourceKey> sourceKeys() {
    return new ArrayList<>(sources.keySet());
  }

  public Collection<SourceKey> sourcesAt(String cluster) {
    Set<SourceKey> at = sourcesByCluster.get(cluster);
    return at == null ? List.of() : new ArrayList<>(at);
  }

  /**
   * The source that decides what {@code workspace} holds under {@code name} (kind, namespace): the
   * nearest ancestor's that selects the workspace.
   */
  public Optional<StoredObject> chosen(String workspace, SourceKey name) {
    Map<String, String> labels = labels(workspace);
    return Propagation.nearest(
        workspace, ancestor -> sources.get(name.at(ancestor)), s -> selects(s, labels));
  }

  // --- workspaces and namespaces ------------------------------------------------------------

  public void putWorkspace(String path, WorkspaceInfo info) {
    workspaces.put(path, info);
  }

  public WorkspaceInfo workspace(String path) {
    return workspaces.get(path);
  }

  public void removeWorkspace(String path) {
    workspaces.remove(path);
    copies.remove(path);
  }

  public void resetWorkspaces(Map<String, WorkspaceInfo> all) {
    workspaces.keySet().retainAll(all.keySet());
    workspaces.putAll(all);
  }

  /** Every workspace below {@code path}, in path order. */
  public NavigableMap<String, WorkspaceInfo> descendants(String path) {
    return workspaces.subMap(path + ":", true, path + ";", false);
  }

  private Map<String, String> labels(String workspace) {
    WorkspaceInfo info = workspaces.get(workspace);
    return info == null ? Map.of() : info.labels();
  }

  public void setNamespace(String cluster, String namespace, boolean active) {
    if (active) {
      namespaces.add(cluster + "/" + namespace);
    } else {
      namespaces.remove(cluster + "/" + namespace);
    }
  }

  public boolean namespaceActive(String cluster, String namespace) {
    return namespaces.contains(cluster + "/" + namespace);
  }

  public void resetNamespaces(Set<String> active) {
    namespaces.retainAll(active);
    namespaces.addAll(active);
  }

  // --- copies --------------------------------------------------------------------------------

  public void putCopy(StoredObject copy) {
    copies
        .computeIfAbsent(copy.key().cluster(), c -> new ConcurrentHashMap<>())
        .put(copy.key(), copy);
  }

  public void removeCopy(ObjectKey key) {
    Map<ObjectKey, StoredObject> at = copies.get(key.cluster());
    if (at != null) {
      at.remove(key);
    }
  }

  public StoredObject copy(ObjectKey key) {
    Map<ObjectKey, StoredObject> at = copies.get(key.cluster());
    return at == null ? null : at.get(key);
  }

  public List<StoredObject> copiesIn(String cluster) {
    Map<ObjectKey, StoredObject> at = copies.get(cluster);
    return at == null ? List.of() : new ArrayList<>(at.values());
  }

  public List<StoredObject> allCopies() {
    List<StoredObject> all = new ArrayList<>();
    copies.values().forEach(m -> all.addAll(m.values()));
    return all;
  }

  /** Replaces the copies of one kind. */
  public void resetCopies(String group, String plural, List<StoredObject> items) {
    copies
        .values()
        .forEach(
            m -> m.keySet().removeIf(k -> k.group().equals(group) && k.resource().equals(plural)));
    items.forEach(this::putCopy);
  }

  // --- for RBAC ------------------------------------------------------------------------------

  /**
   * Whether the ClusterRoleBinding {@code name} of {@code ancestor}, labelled to propagate, reaches
   * {@code workspace} under its workspace selector. True when the index does not hold it (not
   * listed yet): RBAC then inherits as it did before selectors.
   */
  public boolean bindingReaches(String ancestor, String name, String workspace) {
    int kind = Propagation.kindIndex("rbac.authorization.k8s.io", "clusterrolebindings");
    StoredObject source = sources.get(new SourceKey(ancestor, kind, "", name));
    if (source == null) {
      return true;
    }
    return selects(source, labels(workspace));
  }

  // --- for workspace initialization ----------------------------------------------------------

  /**
   * The copies a new workspace at {@code path} starts with, create-if-absent, for the same write
   * group as its initialization: for every name, the nearest ancestor's source that selects the
   * workspace ({@code workspace} is its Workspace object). Namespaced ones only into namespaces
   * that exist or are {@code planned}; names {@code planned} already (the workspace's own initial
   * objects) are left to those, and reported as conflicts later by the controller.
   */
  public List<Write> initialCopies(String path, ObjectNode workspace, List<Write> planned) {
    if (sources.isEmpty()) {
      return List.of();
    }
    Set<ObjectKey> plannedKeys = new HashSet<>();
    Set<String> plannedNamespaces = new HashSet<>();
    for (Write w : planned) {
      plannedKeys.add(w.key());
      if (w.key().group().isEmpty() && w.key().resource().equals("namespaces")) {
        plannedNamespaces.add(w.key().name());
      }
    }
    Map<String, String> labels = LabelSelector.labelsOf(workspace);
    Set<SourceKey> decided = new HashSet<>();
    List<Write> out = new ArrayList<>();
    for (String ancestor : Propagation.ancestors(path)) {
      for (SourceKey key : sourcesAt(ancestor)) {
        StoredObject source = sources.get(key);
        SourceKey name = key.at(path);
        if (source == null || decided.contains(name) || !selects(source, labels)) {
          continue;
        }
        decided.add(name);
        Propagation.Kind kind = key.kindInfo();
        ObjectKey target = key.target(path);
        if (plannedKeys.contains(target)
            || (kind.namespaced()
                && !plannedNamespaces.contains(key.namespace())
                && !namespaceActive(path, key.namespace()))) {
          continue;
        }
        plan(target, desired(source).deepCopy()).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * The create of a copy at {@code target}, as create-if-absent; empty when it is invalid there.
   */
  public Optional<Write> plan(ObjectKey target, ObjectNode copy) {
    Optional<ResourceType> type =
        apiResources.byResource(target.cluster(), target.group(), target.resource());
    if (type.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          registry
              .planCreate(
                  type.get(), target.cluster(), target.namespace(), copy, target.name(), OPTIONS)
              .ifAbsent());
    } catch (RuntimeException e) {
      LOG.debugf("copy %s not planned: %s", target, e.getMessage());
      return Optional.empty();
    }
  }
}
