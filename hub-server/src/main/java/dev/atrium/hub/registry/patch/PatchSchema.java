package dev.atrium.hub.registry.patch;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Patch metadata of the built-in Kubernetes types, read from the {@code openshift-generated.json}
 * resource of {@code io.fabric8:kubernetes-model-validator} the first time it is needed.
 *
 * <p>Navigation starts at a kind ({@link #forKind}) or a definition ({@link #forDefinition}) and
 * goes down with {@link Node#field}, {@link Node#items} or {@link Node#at}. Lookups never fail: a
 * field the schema does not describe yields {@link #unknown()}.
 */
public final class PatchSchema {

  private static final Node UNKNOWN = new Node(null, null);

  private final Map<String, SchemaShape> definitions;
  private final Map<SchemaLoader.Gvk, String> kinds;

  PatchSchema(SchemaLoader.Loaded loaded) {
    this.definitions = loaded.definitions();
    this.kinds = loaded.kinds();
  }

  private static final class Holder {
    static final PatchSchema INSTANCE = new PatchSchema(SchemaLoader.loadResource());
  }

  /** The shared schema, loaded on first use. */
  public static PatchSchema builtIn() {
    return Holder.INSTANCE;
  }

  /** The schema of a built-in kind; the core group is {@code ""}. */
  public static Optional<Node> forKind(String group, String version, String kind) {
    return builtIn().kind(group, version, kind);
  }

  /** A definition by its name, e.g. {@code io.k8s.api.core.v1.PodSpec}. */
  public static Optional<Node> forDefinition(String name) {
    return builtIn().definition(name);
  }

  /** The node that describes nothing: maps merge like JSON merge patch, lists are replaced. */
  public static Node unknown() {
    return UNKNOWN;
  }

  public Optional<Node> kind(String group, String version, String kind) {
    String name = kinds.get(new SchemaLoader.Gvk(group == null ? "" : group, version, kind));
    return name == null ? Optional.empty() : definition(name);
  }

  public Optional<Node> definition(String name) {
    SchemaShape shape = definitions.get(name);
    return shape == null ? Optional.empty() : Optional.of(new Node(this, shape));
  }

  /**
   * One position in a schema: the field's own annotations (patch strategy, merge key, list type)
   * plus the structure of the type it refers to.
   */
  public static final class Node {

    private final PatchSchema schema;
    private final SchemaShape shape;

    private Node(PatchSchema schema, SchemaShape shape) {
      this.schema = schema;
      this.shape = shape;
    }

    /** False for {@link PatchSchema#unknown()} and for anything below it. */
    public boolean isKnown() {
      return shape != null;
    }

    /** The schema of a field of an object, or of any value of a map. */
    public Node field(String name) {
      SchemaShape target = resolved();
      SchemaShape property = target.properties().get(name);
      if (property != null) {
        return child(property);
      }
      return target.additionalProperties() != null ? child(target.additionalProperties()) : UNKNOWN;
    }

    /** The element schema of a list, or the value schema of a map. */
    public Node items() {
      SchemaShape target = resolved();
      if (target.items() != null) {
        return child(target.items());
      }
      return child(target.additionalProperties());
    }

    /**
     * The node at a JSON pointer below this one; list indexes (any segment under a list) step into
     * the element schema. Pointer escapes ({@code ~0}, {@code ~1}) are decoded.
     */
    public Node at(String pointer) {
      Node node = this;
      for (String token : JsonPointer.parse(pointer).tokens()) {
        node = node.isList() ? node.items() : node.field(token);
      }
      return node;
    }

    public boolean isList() {
      return "array".equals(resolved().type());
    }

    /** An object whose keys are free (additionalProperties), such as labels or ConfigMap data. */
    public boolean isMap() {
      SchemaShape target = resolved();
      return target.additionalProperties() != null && target.properties().isEmpty();
    }

    /** An object with declared fields. */
    public boolean isObject() {
      return !resolved().properties().isEmpty();
    }

    /**
     * The raw {@code x-kubernetes-patch-strategy}, e.g. {@code merge} or {@code merge,retainKeys}.
     */
    public Optional<String> patchStrategy() {
      return Optional.ofNullable(annotation(ShapeField.STRATEGY));
    }

    /** The patch strategy split at commas; empty when there is none. */
    public List<String> patchStrategies() {
      return patchStrategy().map(s -> Arrays.asList(s.split(","))).orElse(List.of());
    }

    public boolean hasPatchStrategy(String strategy) {
      return patchStrategies().contains(strategy);
    }

    public Optional<String> patchMergeKey() {
      return Optional.ofNullable(annotation(ShapeField.MERGE_KEY));
    }

    public Optional<String> listType() {
      return Optional.ofNullable(annotation(ShapeField.LIST_TYPE));
    }

    public List<String> listMapKeys() {
      if (shape == null) {
        return List.of();
      }
      return shape.listMapKeys().isEmpty() ? resolved().listMapKeys() : shape.listMapKeys();
    }

    /** The definition this node refers to, e.g. {@code io.k8s.api.core.v1.Container}. */
    public Optional<String> definitionName() {
      String name = null;
      SchemaShape current = shape;
      for (int hops = 0; current != null && current.ref() != null && hops < 16; hops++) {
        name = current.ref();
        current = schema.definitions.get(name);
      }
      return Optional.ofNullable(name);
    }

    private Node child(SchemaShape child) {
      return child == null ? UNKNOWN : new Node(schema, child);
    }

    /** The structural schema after following {@code $ref}s; empty when unknown. */
    private SchemaShape resolved() {
      SchemaShape current = shape;
      for (int hops = 0; current != null && current.ref() != null && hops < 16; hops++) {
        current = schema.definitions.get(current.ref());
      }
      return current == null ? SchemaShape.EMPTY : current;
    }

    private String annotation(ShapeField field) {
      if (shape == null) {
        return null;
      }
      String own = field.of(shape);
      return own != null ? own : field.of(resolved());
    }

    @Override
    public String toString() {
      return isKnown()
          ? "Node[" + definitionName().orElse(resolved().type()) + "]"
          : "Node[unknown]";
    }
  }

  private enum ShapeField {
    STRATEGY,
    MERGE_KEY,
    LIST_TYPE;

    String of(SchemaShape shape) {
      return switch (this) {
        case STRATEGY -> shape.patchStrategy();
        case MERGE_KEY -> shape.patchMergeKey();
        case LIST_TYPE -> shape.listType();
      };
    }
  }
}
