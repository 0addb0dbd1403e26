package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed from one version of an object to the next, as field sets: {@code changed} (added or
 * modified) and {@code removed}.
 */
public record Comparison(FieldSet changed, FieldSet removed) {

  public static Comparison of(JsonNode before, JsonNode after, FieldSchema schema) {
    Comparison c = new Comparison(FieldSet.empty(), FieldSet.empty());
    c.objects(before, after, schema, c.changed, c.removed);
    return new Comparison(prune(c.changed), prune(c.removed));
  }

  private static FieldSet prune(FieldSet set) {
    return set.difference(FieldSet.empty());
  }

  private void compare(
      JsonNode before, JsonNode after, FieldSchema schema, FieldSet changed, FieldSet removed) {
    if (before == null && after == null) {
      return;
    }
    if (before == null) {
      ObjectFields.addedAt(after, schema, changed);
      return;
    }
    if (after == null) {
      ObjectFields.addedAt(before, schema, removed);
      return;
    }
    if (before.isObject() && after.isObject()) {
      objects(before, after, schema, changed, removed);
    } else if (before.isArray() && after.isArray() && ListItems.granular(schema)) {
      lists(before, after, schema, changed, removed);
    } else if (!Objects.equals(before, after)) {
      if (before.isContainerNode()) {
        ObjectFields.addedAt(before, schema, removed);
      }
      changed.insert(List.of());
    }
  }

  private void objects(
      JsonNode before, JsonNode after, FieldSchema schema, FieldSet changed, FieldSet removed) {
    Set<String> names = new LinkedHashSet<>();
    before.fieldNames().forEachRemaining(names::add);
    after.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      String element = PathElements.field(name);
      compare(
          before.get(name),
          after.get(name),
          schema.field(name),
          changed.descend(element),
          removed.descend(element));
    }
  }

  private void lists(
      JsonNode before, JsonNode after, FieldSchema schema, FieldSet changed, FieldSet removed) {
    Map<String, JsonNode> old = ListItems.index(schema, before);
    Map<String, JsonNode> now = ListItems.index(schema, after);
    FieldSchema items = schema.items();
    Set<String> elements = new LinkedHashSet<>(old.keySet());
    elements.addAll(now.keySet());
    for (String element : elements) {
      JsonNode o = old.get(element);
      JsonNode n = now.get(element);
      FieldSet c = changed.descend(element);
      FieldSet r = removed.descend(element);
      if (o == null) {
        c.insert(List.of());
        ObjectFields.addedAt(n, items, c);
      } else if (n == null) {
        r.insert(List.of());
        ObjectFields.addedAt(o, items, r);
      } else if (o.isObject() && n.isObject()) {
        objects(o, n, items, c, r);
      } else if (!o.equals(n)) {
        c.insert(List.of());
      }
    }
  }
}
