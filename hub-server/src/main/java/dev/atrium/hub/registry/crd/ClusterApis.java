package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.catalog.BuiltinCatalog;
import dev.atrium.model.catalog.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of one logical cluster's CRDs: every definition (for name checks) and the
 * types of the established ones (in CRD name order), indexed by (group, version, plural) and
 * (group, plural).
 */
final class ClusterApis {

  static final ClusterApis EMPTY = new ClusterApis(Map.of());

  private final Map<String, ObjectNode> definitions;
  private final List<ResourceType> served;
  private final List<ResourceType> namespaced;
  private final Map<String, CrdVersion> byVersion = new HashMap<>();
  private final Map<String, CrdVersion> byResource = new HashMap<>();

  ClusterApis(Map<String, ObjectNode> definitions) {
    this.definitions = Map.copyOf(definitions);
    List<ResourceType> types = new ArrayList<>(BuiltinCatalog.all());
    List<ResourceType> perResource = new ArrayList<>();
    for (ObjectNode crd : new TreeMap<>(this.definitions).values()) {
      if (CrdConditions.established(crd)) {
        index(CrdTypes.served(crd), types, perResource);
      }
    }
    this.served = List.copyOf(types);
    this.namespaced = List.copyOf(perResource);
  }

  private void index(List<CrdVersion> versions, List<ResourceType> types, List<ResourceType> one) {
    if (versions.isEmpty()) {
      return;
    }
    for (CrdVersion v : versions) {
      ResourceType t = v.type();
      types.add(t);
      byVersion.put(key(t.group(), t.version(), t.plural()), v);
    }
    CrdVersion preferred = versions.get(0);
    byResource.put(key(preferred.type().group(), "", preferred.type().plural()), preferred);
    if (preferred.type().namespaced()) {
      one.add(preferred.type());
    }
  }

  static String key(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }

  Map<String, ObjectNode> definitions() {
    return definitions;
  }

  List<ResourceType> served() {
    return served;
  }

  List<ResourceType> namespaced() {
    return namespaced;
  }

  CrdVersion version(String group, String version, String plural) {
    return byVersion.get(key(group, version, plural));
  }

  CrdVersion resource(String group, String plural) {
    return byResource.get(key(group, "", plural));
  }
}
