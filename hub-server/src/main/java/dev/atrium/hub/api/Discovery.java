package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.catalog.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Legacy and aggregated discovery documents built from the served resource types. */
final class Discovery {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Map<String, String[]> SUBRESOURCE_KINDS =
      Map.of(
          "scale", new String[] {"autoscaling", "v1", "Scale"},
          "token", new String[] {"authentication.k8s.io", "v1", "TokenRequest"},
          "eviction", new String[] {"policy", "v1", "Eviction"},
          "binding", new String[] {"", "v1", "Binding"});

  private Discovery() {}

  static ObjectNode apiVersions(String serverAddress) {
    ObjectNode node = F.objectNode();
    node.put("kind", "APIVersions");
    node.putArray("versions").add("v1");
    node.putArray("serverAddressByClientCIDRs")
        .addObject()
        .put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return node;
  }

  /** Groups in serving order: group name to versions (first preferred). */
  static Map<String, List<String>> groups(List<ResourceType> types) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (ResourceType t : types) {
      if (t.group().isEmpty()) {
        continue;
      }
      List<String> versions = groups.computeIfAbsent(t.group(), g -> new java.util.ArrayList<>());
      if (!versions.contains(t.version())) {
        versions.add(t.version());
      }
    }
    return groups;
  }

  static ObjectNode apiGroupList(List<ResourceType> types) {
    ObjectNode node = F.objectNode();
    node.put("kind", "APIGroupList");
    node.put("apiVersion", "v1");
    ArrayNode items = node.putArray("groups");
    groups(types).forEach((g, versions) -> items.add(apiGroup(g, versions)));
    return node;
  }

  static ObjectNode apiGroup(String group, List<String> versions) {
    ObjectNode node = F.objectNode();
    node.put("kind", "APIGroup");
    node.put("apiVersion", "v1");
    node.put("name", group);
    ArrayNode vs = node.putArray("versions");
    for (String v : versions) {
      vs.addObject().put("groupVersion", group + "/" + v).put("version", v);
    }
    node.putObject("preferredVersion")
        .put("groupVersion", group + "/" + versions.get(0))
        .put("version", versions.get(0));
    return node;
  }

  static ObjectNode resourceList(String groupVersion, List<ResourceType> types) {
    ObjectNode node = F.objectNode();
    node.put("kind", "APIResourceList");
    node.put("apiVersion", "v1");
    node.put("groupVersion", groupVersion);
    ArrayNode resources = node.putArray("resources");
    for (ResourceType t : types) {
      resources.add(legacyResource(t));
      for (String sub : t.subresources()) {
        resources.add(legacySubresource(t, sub));
      }
    }
    return node;
  }

  private static ObjectNode legacyResource(ResourceType t) {
    ObjectNode r = F.objectNode();
    r.put("name", t.plural());
    r.put("singularName", t.singular());
    r.put("namespaced", t.namespaced());
    r.put("kind", t.kind());
    strings(r.putArray("verbs"), t.verbs());
    if (!t.shortNames().isEmpty()) {
      strings(r.putArray("shortNames"), t.shortNames());
    }
    if (!t.categories().isEmpty()) {
      strings(r.putArray("categories"), t.categories());
    }
    return r;
  }

  private static ObjectNode legacySubresource(ResourceType t, String sub) {
    ObjectNode r = F.objectNode();
    r.put("name", t.plural() + "/" + sub);
    r.put("singularName", "");
    r.put("namespaced", t.namespaced());
    String[] kind = SUBRESOURCE_KINDS.get(sub);
    if (kind != null) {
      if (!kind[0].isEmpty()) {
        r.put("group", kind[0]);
      }
      r.put("version", kind[1]);
      r.put("kind", kind[2]);
    } else {
      r.put("kind", t.kind());
    }
    strings(r.putArray("verbs"), subresourceVerbs(sub));
    return r;
  }

  private static List<String> subresourceVerbs(String sub) {
    switch (sub) {
      case "status":
      case "scale":
        return List.of("get", "patch", "update");
      case "finalize":
        return List.of("update");
      default:
        return List.of("create");
    }
  }

  /** One APIGroupDiscovery per group; {@code core} true for the /api document. */
  static ObjectNode aggregated(List<ResourceType> types, boolean core, String version) {
    ObjectNode node = F.objectNode();
    node.put("kind", "APIGroupDiscoveryList");
    node.put("apiVersion", "apidiscovery.k8s.io/" + version);
    node.putObject("metadata");
    ArrayNode items = node.putArray("items");
    if (core) {
      items.add(aggregatedGroup("", List.of("v1"), types));
    } else {
      groups(types).forEach((g, versions) -> items.add(aggregatedGroup(g, versions, types)));
    }
    return node;
  }

  private static ObjectNode aggregatedGroup(
      String group, List<String> versions, List<ResourceType> types) {
    ObjectNode g = F.objectNode();
    ObjectNode meta = g.putObject("metadata");
    meta.put("name", group);
    meta.put("creationTimestamp", (String) null);
    ArrayNode vs = g.putArray("versions");
    for (String v : versions) {
      ObjectNode vn = vs.addObject();
      vn.put("version", v);
      ArrayNode resources = vn.putArray("resources");
      types.stream()
          .filter(t -> t.group().equals(group) && t.version().equals(v))
          .forEach(t -> resources.add(aggregatedResource(t)));
      vn.put("freshness", "Current");
    }
    return g;
  }

  private static ObjectNode aggregatedResource(ResourceType t) {
    ObjectNode r = F.objectNode();
    r.put("resource", t.plural());
    r.putObject("responseKind")
        .put("group", t.group())
        .put("version", t.version())
        .put("kind", t.kind());
    r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
    r.put("singularResource", t.singular());
    strings(r.putArray("verbs"), t.verbs());
    if (!t.shortNames().isEmpty()) {
      strings(r.putArray("shortNames"), t.shortNames());
    }
    if (!t.categories().isEmpty()) {
      strings(r.putArray("categories"), t.categories());
    }
    if (!t.subresources().isEmpty()) {
      ArrayNode subs = r.putArray("subresources");
      for (String sub : t.subresources()) {
        ObjectNode s = subs.addObject();
        s.put("subresource", sub);
        String[] kind = SUBRESOURCE_KINDS.get(sub);
        ObjectNode rk = s.putObject("responseKind");
        rk.put("group", kind != null ? kind[0] : t.group());
        rk.put("version", kind != null ? kind[1] : t.version());
        rk.put("kind", kind != null ? kind[2] : t.kind());
        strings(s.putArray("verbs"), subresourceVerbs(sub));
      }
    }
    return r;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
