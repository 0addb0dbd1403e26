package dev.atrium.hub.registry.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A set of field paths, as a tree. Each edge is one path element in its {@code fieldsV1} spelling
 * ({@code f:name}, {@code k:{...}}, {@code v:...}, {@code i:n}); a node is a member when the path
 * that ends there is in the set (the {@code .} of {@code fieldsV1} when it also has children).
 */
public final class FieldSet {

  /** Element order as in fieldsV1: field names, then keys, then values, then indexes. */
  static final Comparator<String> ORDER =
      Comparator.comparingInt(FieldSet::rank).thenComparing(Comparator.naturalOrder());

  private static final FieldSet EMPTY = new FieldSet();

  private boolean member;
  private final TreeMap<String, FieldSet> children = new TreeMap<>(ORDER);

  private static int rank(String element) {
    return switch (element.isEmpty() ? ' ' : element.charAt(0)) {
      case 'f' -> 0;
      case 'k' -> 1;
      case 'v' -> 2;
      case 'i' -> 3;
      default -> 4;
    };
  }

  public static FieldSet empty() {
    return new FieldSet();
  }

  public boolean isEmpty() {
    return !member && children.isEmpty();
  }

  boolean isMember() {
    return member;
  }

  Map<String, FieldSet> children() {
    return children;
  }

  FieldSet child(String element) {
    return children.get(element);
  }

  /** Adds {@code path} (the empty path marks this node itself). */
  public FieldSet insert(List<String> path) {
    FieldSet node = this;
    for (String element : path) {
      node = node.children.computeIfAbsent(element, e -> new FieldSet());
    }
    node.member = true;
    return this;
  }

  /** The node at {@code path}, created when missing. */
  FieldSet descend(String element) {
    return children.computeIfAbsent(element, e -> new FieldSet());
  }

  public boolean contains(List<String> path) {
    FieldSet node = at(path);
    return node != null && node.member;
  }

  /** True when {@code path} or anything below it is in the set. */
  public boolean containsAnyUnder(List<String> path) {
    FieldSet node = at(path);
    return node != null && !node.isEmpty();
  }

  private FieldSet at(List<String> path) {
    FieldSet node = this;
    for (String element : path) {
      node = node.children.get(element);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  public FieldSet copy() {
    FieldSet c = new FieldSet();
    c.member = member;
    children.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            c.children.put(k, v.copy());
          }
        });
    return c;
  }

  public FieldSet union(FieldSet other) {
    FieldSet result = copy();
    result.addAll(other);
    return result;
  }

  private void addAll(FieldSet other) {
    member |= other.member;
    other.children.forEach((k, v) -> descend(k).addAll(v));
  }

  /** The members of this set that are not members of {@code other}. */
  public FieldSet difference(FieldSet other) {
    FieldSet result = new FieldSet();
    result.member = member && !other.member;
    children.forEach(
        (k, v) -> {
          FieldSet o = other.children.get(k);
          FieldSet d = v.difference(o == null ? EMPTY : o);
          if (!d.isEmpty()) {
            result.children.put(k, d);
          }
        });
    return result;
  }

  /** The members of this set that are also members of {@code other}. */
  public FieldSet intersection(FieldSet other) {
    FieldSet result = new FieldSet();
    result.member = member && other.member;
    children.forEach(
        (k, v) -> {
          FieldSet o = other.children.get(k);
          if (o != null) {
            FieldSet i = v.intersection(o);
            if (!i.isEmpty()) {
              result.children.put(k, i);
            }
          }
        });
    return result;
  }

  /** This set without {@code path} and everything below it. */
  public FieldSet withoutSubtree(List<String> path) {
    FieldSet result = copy();
    if (path.isEmpty()) {
      return new FieldSet();
    }
    FieldSet parent = result.at(path.subList(0, path.size() - 1));
    if (parent != null) {
      parent.children.remove(path.get(path.size() - 1));
    }
    return result.pruned();
  }

  /** This set without the member {@code path} (children stay). */
  public FieldSet without(List<String> path) {
    FieldSet result = copy();
    FieldSet node = result.at(path);
    if (node != null) {
      node.member = false;
    }
    return result.pruned();
  }

  private FieldSet pruned() {
    children.values().forEach(FieldSet::pruned);
    children.values().removeIf(FieldSet::isEmpty);
    return this;
  }

  /** Every member path, parents before children, in element order. */
  public List<List<String>> paths() {
    List<List<String>> out = new ArrayList<>();
    collect(new ArrayList<>(), out);
    return out;
  }

  private void collect(List<String> prefix, List<List<String>> out) {
    if (member) {
      out.add(List.copyOf(prefix));
    }
    children.forEach(
        (k, v) -> {
          prefix.add(k);
          v.collect(prefix, out);
          prefix.remove(prefix.size() - 1);
        });
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet other && member == other.member && children.equals(other.children);
  }

  @Override
  public int hashCode() {
    return Objects.hash(member, children);
  }

  @Override
  public String toString() {
    return FieldsV1.toJson(this).toString();
  }
}
