package dev.atrium.agent.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.downstream.Downstream;
import dev.atrium.agent.mapping.Gvr;
import dev.atrium.agent.mapping.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory cluster: apply stores, delete removes; records applies and deletes. */
final class FakeDownstream implements Downstream {

  final Map<String, ObjectNode> objects = new LinkedHashMap<>();
  final Map<String, Gvr> types = new LinkedHashMap<>();
  final List<String> applied = new ArrayList<>();
  final List<String> deleted = new ArrayList<>();

  /** Thrown (once) by the next apply of a non-namespace object. */
  RuntimeException failNext;

  static String id(Gvr gvr, String ns, String name) {
    return gvr.groupResource() + "|" + (ns == null ? "" : ns) + "|" + name;
  }

  @Override
  public ObjectNode get(Gvr gvr, String namespace, String name) {
    ObjectNode o = objects.get(id(gvr, namespace, name));
    return o == null ? null : o.deepCopy();
  }

  @Override
  public ObjectNode apply(Gvr gvr, ObjectNode object) {
    String id =
        id(gvr, Json.text(object, "metadata", "namespace"), Json.text(object, "metadata", "name"));
    if (failNext != null && !gvr.equals(Gvr.NAMESPACES)) {
      RuntimeException f = failNext;
      failNext = null;
      throw f;
    }
    ObjectNode stored = object.deepCopy();
    if (gvr.equals(Gvr.CRDS)) {
      stored.set(
          "status",
          Json.parse("{\"conditions\":[{\"type\":\"Established\",\"status\":\"True\"}]}"));
    }
    objects.put(id, stored);
    types.put(gvr.groupResource(), gvr);
    applied.add(id);
    return stored.deepCopy();
  }

  @Override
  public boolean delete(Gvr gvr, String namespace, String name) {
    deleted.add(id(gvr, namespace, name));
    return objects.remove(id(gvr, namespace, name)) != null;
  }

  @Override
  public List<Gvr> discover() {
    return new ArrayList<>(types.values());
  }

  @Override
  public List<ObjectNode> listLabelled(Gvr gvr, String label, String value) {
    List<ObjectNode> out = new ArrayList<>();
    objects.forEach(
        (id, o) -> {
          if (id.startsWith(gvr.groupResource() + "|")
              && value.equals(Json.text(o, "metadata", "labels", label))) {
            out.add(o.deepCopy());
          }
        });
    return out;
  }

  @Override
  public void watch(Gvr gvr, String label, String value, DownstreamListener listener) {
    types.put(gvr.groupResource(), gvr);
  }
}
