package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The query and path parameters of the resource operations, as kube-apiserver lists them. */
final class Parameters {

  private Parameters() {}

  static ObjectNode path(String name, String description) {
    ObjectNode p = param(name, "path", description, "string");
    p.put("required", true);
    return p;
  }

  static ObjectNode query(String name, String description, String type) {
    return param(name, "query", description, type);
  }

  private static ObjectNode param(String name, String in, String description, String type) {
    ObjectNode p = Json.object();
    p.put("name", name);
    p.put("in", in);
    p.put("description", description);
    ObjectNode schema = Json.object().put("type", type);
    if (type.equals("string") && !in.equals("path")) {
      schema.put("uniqueItems", true);
    }
    p.set("schema", schema);
    return p;
  }

  static ObjectNode pretty() {
    return query("pretty", "If 'true', then the output is pretty printed.", "string");
  }

  static ObjectNode dryRun() {
    return query(
        "dryRun",
        "When present, indicates that modifications should not be persisted. Valid values are: - All:"
            + " all dry run stages will be processed",
        "string");
  }

  static ObjectNode fieldManager() {
    return query(
        "fieldManager",
        "fieldManager is a name associated with the actor or entity that is making these changes.",
        "string");
  }

  static ObjectNode fieldValidation() {
    return query(
        "fieldValidation",
        "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH)"
            + " containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict",
        "string");
  }

  static ObjectNode force() {
    return query(
        "force",
        "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields"
            + " owned by other people. Force flag must be unset for non-apply patch requests.",
        "boolean");
  }

  /** dryRun, fieldManager, fieldValidation: the parameters of POST and PUT. */
  static ArrayNode write() {
    return Json.array().add(dryRun()).add(fieldManager()).add(fieldValidation());
  }

  /** The write parameters plus force: the parameters of PATCH. */
  static ArrayNode patch() {
    return write().add(force());
  }

  static ArrayNode list() {
    ArrayNode params = Json.array();
    params.add(
        query(
            "allowWatchBookmarks",
            "allowWatchBookmarks requests watch events with type \"BOOKMARK\".",
            "boolean"));
    params.add(
        query(
            "continue",
            "The continue option should be set when retrieving more results from the server.",
            "string"));
    params.add(
        query(
            "fieldSelector",
            "A selector to restrict the list of returned objects by their fields.",
            "string"));
    params.add(
        query(
            "labelSelector",
            "A selector to restrict the list of returned objects by their labels.",
            "string"));
    params.add(
        query(
            "limit",
            "limit is a maximum number of responses to return for a list call.",
            "integer"));
    params.add(
        query(
            "resourceVersion",
            "resourceVersion sets a constraint on what resource versions a request may be served from.",
            "string"));
    params.add(
        query(
            "resourceVersionMatch",
            "resourceVersionMatch determines how resourceVersion is applied to list calls.",
            "string"));
    params.add(
        query(
            "sendInitialEvents",
            "`sendInitialEvents=true` may be set together with `watch=true`.",
            "boolean"));
    params.add(query("timeoutSeconds", "Timeout for the list/watch call.", "integer"));
    params.add(
        query(
            "watch",
            "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.",
            "boolean"));
    return params;
  }

  static ArrayNode delete() {
    ArrayNode params = Json.array().add(dryRun());
    params.add(
        query(
            "gracePeriodSeconds",
            "The duration in seconds before the object should be deleted.",
            "integer"));
    params.add(
        query("orphanDependents", "Deprecated: please use the PropagationPolicy.", "boolean"));
    params.add(
        query(
            "propagationPolicy",
            "Whether and how garbage collection will be performed.",
            "string"));
    return params;
  }
}
