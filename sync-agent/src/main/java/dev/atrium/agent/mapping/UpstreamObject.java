package dev.atrium.agent.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One object of the syncer view: where it lives on the hub and its full state.
 *
 * @param workspace workspace path of the object
 * @param group API group ("" for core)
 * @param version the version the hub serves it in
 * @param resource plural resource name
 * @param object the object (apiVersion, kind, metadata, spec, status...)
 */
public record UpstreamObject(
    String workspace, String group, String version, String resource, ObjectNode object) {

  public ObjectRef ref() {
    return new ObjectRef(workspace, group, resource, namespace(), name());
  }

  public String kind() {
    return Json.text(object, "kind");
  }

  public String namespace() {
    String ns = Json.text(object, "metadata", "namespace");
    return ns == null ? "" : ns;
  }

  public String name() {
    return Json.text(object, "metadata", "name");
  }

  public long generation() {
    return Json.at(object, "metadata", "generation").asLong(0);
  }

  public boolean deleting() {
    return Json.at(object, "metadata", "deletionTimestamp").isTextual();
  }

  public Gvr gvr() {
    return new Gvr(group, version, resource, kind(), !namespace().isEmpty());
  }

  public List<String> finalizers() {
    List<String> out = new ArrayList<>();
    for (JsonNode f : Json.at(object, "metadata", "finalizers")) {
      out.add(f.asText());
    }
    return out;
  }

  /** The path of this object below a workspace root, e.g. "/apis/apps/v1/namespaces/a/..". */
  public String path() {
    return gvr().objectPath(namespace(), name());
  }
}
