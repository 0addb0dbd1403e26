package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.catalog.ResourceType;
import java.util.Map;

/**
 * The paths of one resource: collection, item, all-namespaces list, and the status and scale
 * subresources, with an operation per verb the resource allows.
 */
final class ResourcePaths {

  private static final Gvk SCALE = new Gvk("autoscaling", "v1", "Scale");
  static final String SCALE_DEFINITION = "io.k8s.api.autoscaling.v1.Scale";

  private final ResourceType type;
  private final Gvk gvk;
  private final String kindDefinition;
  private final String listDefinition;
  private final boolean strategicMerge;
  private final String tag;
  private final String idGroupVersion;

  /**
   * @param kindDefinition the component schema of the kind
   * @param listDefinition the component schema of its list
   * @param strategicMerge whether PATCH offers strategic merge patch (built-in kinds only)
   */
  ResourcePaths(
      ResourceType type, String kindDefinition, String listDefinition, boolean strategicMerge) {
    this.type = type;
    this.gvk = new Gvk(type.group(), type.version(), type.kind());
    this.kindDefinition = kindDefinition;
    this.listDefinition = listDefinition;
    this.strategicMerge = strategicMerge;
    String group = groupWords(type.group());
    this.tag = (type.group().isEmpty() ? "core" : group.replace('.', '_')) + "_" + type.version();
    this.idGroupVersion = camel(type.group().isEmpty() ? "core" : group) + camel(type.version());
  }

  void addTo(Map<String, ObjectNode> paths) {
    String base = type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.apiVersion();
    String scope = type.namespaced() ? "Namespaced" : "";
    String collection =
        base + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
    String item = collection + "/{name}";
    ObjectNode collectionPath = collection(scope);
    if (collectionPath.size() > 1) {
      paths.put(collection, collectionPath);
    }
    if (verb("get") || verb("update") || verb("patch") || verb("delete")) {
      paths.put(item, item(scope, "", gvk, kindDefinition));
    }
    if (type.namespaced() && verb("list")) {
      ObjectNode all = Json.object();
      all.set("get", list("list" + id("") + "ForAllNamespaces"));
      all.set("parameters", Json.array().add(Parameters.pretty()));
      paths.put(base + "/" + type.plural(), all);
    }
    if (type.hasSubresource("status")) {
      paths.put(item + "/status", item(scope, "Status", gvk, kindDefinition));
    }
    if (type.hasSubresource("scale")) {
      paths.put(item + "/scale", item(scope, "Scale", SCALE, SCALE_DEFINITION));
    }
  }

  private ObjectNode collection(String scope) {
    ObjectNode path = Json.object();
    if (verb("list")) {
      path.set("get", list("list" + id(scope)));
    }
    if (verb("create")) {
      ObjectNode post =
          Operations.operation("post", "create" + id(scope), tag, "create a " + type.kind(), gvk);
      Operations.withParameters(post, Parameters.write());
      Operations.withBody(post, kindDefinition, true);
      Operations.withResponses(post, kindDefinition, "200", "201", "202");
      path.set("post", post);
    }
    if (verb("deletecollection")) {
      ObjectNode delete =
          Operations.operation(
              "deletecollection",
              "deletecollection" + id(scope),
              tag,
              "delete collection of " + type.kind(),
              gvk);
      ArrayNode params = Parameters.delete();
      params.addAll(Parameters.list());
      Operations.withParameters(delete, params);
      Operations.withBody(delete, Operations.DELETE_OPTIONS, false);
      Operations.withResponses(delete, Operations.STATUS, "200");
      path.set("delete", delete);
    }
    path.set("parameters", scopeParameters(false));
    return path;
  }

  private ObjectNode list(String operationId) {
    ObjectNode get =
        Operations.operation(
            "list", operationId, tag, "list or watch objects of kind " + type.kind(), gvk);
    Operations.withParameters(get, Parameters.list());
    return Operations.withResponses(get, listDefinition, "200");
  }

  private ObjectNode item(String scope, String sub, Gvk target, String definition) {
    String what =
        sub.isEmpty()
            ? "the specified " + type.kind()
            : sub.toLowerCase() + " of the specified " + type.kind();
    ObjectNode path = Json.object();
    if (verb("get")) {
      ObjectNode get =
          Operations.operation("get", "read" + id(scope) + sub, tag, "read " + what, target);
      path.set("get", Operations.withResponses(get, definition, "200"));
    }
    if (verb("update")) {
      ObjectNode put =
          Operations.operation("put", "replace" + id(scope) + sub, tag, "replace " + what, target);
      Operations.withParameters(put, Parameters.write());
      Operations.withBody(put, definition, true);
      path.set("put", Operations.withResponses(put, definition, "200", "201"));
    }
    if (verb("patch")) {
      ObjectNode patch =
          Operations.operation(
              "patch", "patch" + id(scope) + sub, tag, "partially update " + what, target);
      Operations.withParameters(patch, Parameters.patch());
      Operations.withPatchBody(patch, strategicMerge);
      path.set("patch", Operations.withResponses(patch, definition, "200", "201"));
    }
    if (verb("delete") && sub.isEmpty()) {
      ObjectNode delete =
          Operations.operation("delete", "delete" + id(scope), tag, "delete " + what, target);
      Operations.withParameters(delete, Parameters.delete());
      Operations.withBody(delete, Operations.DELETE_OPTIONS, false);
      path.set("delete", Operations.withResponses(delete, Operations.STATUS, "200", "202"));
    }
    path.set("parameters", scopeParameters(true));
    return path;
  }

  private ArrayNode scopeParameters(boolean named) {
    ArrayNode params = Json.array();
    if (named) {
      params.add(Parameters.path("name", "name of the " + type.kind()));
    }
    if (type.namespaced()) {
      params.add(
          Parameters.path(
              "namespace", "object name and auth scope, such as for teams and projects"));
    }
    return params.add(Parameters.pretty());
  }

  private boolean verb(String verb) {
    return type.verbs().contains(verb);
  }

  private String id(String scope) {
    return idGroupVersion + scope + type.kind();
  }

  private static String groupWords(String group) {
    return group.endsWith(".k8s.io")
        ? group.substring(0, group.length() - ".k8s.io".length())
        : group;
  }

  private static String camel(String dotted) {
    StringBuilder out = new StringBuilder();
    for (String word : dotted.split("[.\\-]")) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }
}
