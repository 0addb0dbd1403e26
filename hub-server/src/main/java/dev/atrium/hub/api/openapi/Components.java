package dev.atrium.hub.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code components.schemas} of one document: the definitions reachable from its kinds,
 * following references transitively. Definitions that are kinds carry {@code
 * x-kubernetes-group-version-kind}.
 */
final class Components {

  private final Definitions definitions;
  private final Map<String, JsonNode> schemas = new TreeMap<>();

  Components(Definitions definitions) {
    this.definitions = definitions;
  }

  /** Adds a built-in definition and everything it refers to; unknown names are skipped. */
  void addDefinition(String name) {
    Deque<String> pending = new ArrayDeque<>();
    pending.add(name);
    while (!pending.isEmpty()) {
      String next = pending.poll();
      if (schemas.containsKey(next)) {
        continue;
      }
      definitions
          .get(next)
          .ifPresent(
              d -> {
                schemas.put(next, annotated(d));
                pending.addAll(d.refs());
              });
    }
  }

  /** Adds a schema given inline (custom kinds) and the built-in definitions it refers to. */
  void addSchema(String name, JsonNode schema) {
    schemas.put(name, schema);
    Set<String> refs = new LinkedHashSet<>();
    SchemaConverter.collectRefs(schema, refs);
    refs.forEach(this::addDefinition);
  }

  ObjectNode toNode() {
    ObjectNode node = Json.object();
    schemas.forEach(node::set);
    return node;
  }

  private static JsonNode annotated(Definitions.Definition definition) {
    if (definition.gvk() == null) {
      return definition.schema();
    }
    ObjectNode copy = Json.object();
    copy.setAll((ObjectNode) definition.schema());
    copy.set("x-kubernetes-group-version-kind", definition.gvk().list());
    return copy;
  }
}
