package dev.atrium.hub.registry.apply;

import dev.atrium.hub.registry.patch.PatchSchema;
import java.util.List;
import java.util.Optional;

/**
 * What field management needs to know about one position of a type: how lists are identified
 * (atomic, set, map by key fields) and whether an object is a free-form map. Built-in kinds use
 * {@link PatchSchema}; anything else is unknown (objects granular, lists atomic), except that
 * {@code metadata} is always ObjectMeta.
 */
public final class FieldSchema {

  /** How a list is merged and tracked. */
  public enum ListKind {
    ATOMIC,
    SET,
    MAP
  }

  private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

  private final PatchSchema.Node node;
  private final boolean root;

  private FieldSchema(PatchSchema.Node node, boolean root) {
    this.node = node;
    this.root = root;
  }

  /** The schema of a kind; the core group is {@code ""}. Unknown kinds get {@link #unknown()}. */
  public static FieldSchema forKind(String group, String version, String kind) {
    return PatchSchema.forKind(group, version, kind)
        .map(n -> new FieldSchema(n, true))
        .orElseGet(FieldSchema::unknown);
  }

  public static FieldSchema of(PatchSchema.Node node) {
    return new FieldSchema(node, true);
  }

  /** A kind without structural information (custom resources). */
  public static FieldSchema unknown() {
    return new FieldSchema(PatchSchema.unknown(), true);
  }

  public FieldSchema field(String name) {
    if (root && name.equals("metadata") && !node.field(name).isKnown()) {
      Optional<PatchSchema.Node> meta = PatchSchema.forDefinition(OBJECT_META);
      if (meta.isPresent()) {
        return new FieldSchema(meta.get(), false);
      }
    }
    return new FieldSchema(node.field(name), false);
  }

  public FieldSchema items() {
    return new FieldSchema(node.isKnown() ? node.items() : node, false);
  }

  public ListKind listKind() {
    if (!node.isKnown()) {
      return ListKind.ATOMIC;
    }
    String type = node.listType().orElse("");
    switch (type) {
      case "atomic":
        return ListKind.ATOMIC;
      case "set":
        return ListKind.SET;
      case "map":
        return node.listMapKeys().isEmpty() ? ListKind.ATOMIC : ListKind.MAP;
      default:
        break;
    }
    if (node.hasPatchStrategy("merge")) {
      return node.patchMergeKey().isPresent() ? ListKind.MAP : ListKind.SET;
    }
    return ListKind.ATOMIC;
  }

  /** Key fields of a list-map: list-map-keys, else the patch merge key. */
  public List<String> keys() {
    if (!node.listMapKeys().isEmpty()) {
      return node.listMapKeys();
    }
    return node.patchMergeKey().map(List::of).orElse(List.of());
  }

  /** A free-form map (or an object of unknown shape) rather than a struct with declared fields. */
  public boolean isMap() {
    return !node.isKnown() || node.isMap();
  }
}
