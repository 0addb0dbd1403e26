package dev.atrium.hub.registry.propagation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.hub.storage.selection.Selection;
import dev.atrium.model.tenancy.Tenancy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Propagation down the workspace tree, the pure part: which kinds propagate, what a copy of a
 * source looks like, whether a copy is still equal to its source, what the workspace selector
 * selects, which of several ancestors' sources wins, and what to do with what a descendant holds.
 */
public final class Propagation {

  /** On a source: {@code "true"} copies it into every (selected) descendant workspace. */
  public static final String PROPAGATE_LABEL = Tenancy.PROPAGATE_LABEL;

  /** On a copy: the source's workspace path with ':' written as '_'. */
  public static final String ORIGIN_LABEL = "policy.atrium.dev/origin";

  /** On a source: a label selector over the descendant Workspace objects' labels. */
  public static final String SELECTOR_ANNOTATION = "policy.atrium.dev/workspace-selector";

  /** The client-side apply record of the source: not the copy's (and not copied). */
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** Reason of the conflict Events. */
  public static final String CONFLICT_REASON = "PropagationConflict";

  /** A kind that propagates. Namespaced kinds go into the namespace of the same name below. */
  public record Kind(String group, String version, String plural, String kind, boolean namespaced) {
    public String apiVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }
  }

  public static final List<Kind> KINDS =
      List.of(
          new Kind("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
          new Kind(
              "rbac.authorization.k8s.io",
              "v1",
              "clusterrolebindings",
              "ClusterRoleBinding",
              false),
          new Kind(
              "apiextensions.k8s.io",
              "v1",
              "customresourcedefinitions",
              "CustomResourceDefinition",
              false),
          new Kind("", "v1", "limitranges", "LimitRange", true),
          new Kind("", "v1", "resourcequotas", "ResourceQuota", true),
          new Kind("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true),
          new Kind("", "v1", "configmaps", "ConfigMap", true),
          new Kind("", "v1", "secrets", "Secret", true));

  /** Sources: labelled to propagate and not themselves copies. */
  public static final LabelSelector SOURCES =
      LabelSelector.parse(PROPAGATE_LABEL + "=true,!" + ORIGIN_LABEL);

  /** Copies: carrying an origin. */
  public static final LabelSelector COPIES = LabelSelector.parse(ORIGIN_LABEL);

  private Propagation() {}

  public static Selection selection(LabelSelector labels) {
    Selection all = Selection.everything();
    return new Selection(labels, all.fields(), all.fieldSet());
  }

  /** The index of the kind of ({@code group}, {@code plural}) in {@link #KINDS}, or -1. */
  public static int kindIndex(String group, String plural) {
    for (int i = 0; i < KINDS.size(); i++) {
      if (KINDS.get(i).group().equals(group) && KINDS.get(i).plural().equals(plural)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code root:a:b} → {@code root_a_b}. */
  public static String origin(String path) {
    return path.replace(':', '_');
  }

  public static boolean isSource(JsonNode object) {
    JsonNode labels = object.path("metadata").path("labels");
    return "true".equals(labels.path(PROPAGATE_LABEL).asText("")) && !labels.has(ORIGIN_LABEL);
  }

  public static boolean isCopy(JsonNode object) {
    return object.path("metadata").path("labels").has(ORIGIN_LABEL);
  }

  /** The origin label of a copy, or "". */
  public static String originOf(JsonNode object) {
    return object.path("metadata").path("labels").path(ORIGIN_LABEL).asText("");
  }

  /** {@code root:a:b} → [{@code root:a}, {@code root}], nearest first. */
  public static List<String> ancestors(String path) {
    List<String> result = new ArrayList<>();
    int i = path.lastIndexOf(':');
    while (i > 0) {
      path = path.substring(0, i);
      result.add(path);
      i = path.lastIndexOf(':');
    }
    return result;
  }

  /**
   * The workspace selector of a source: everything when the annotation is absent or blank, nothing
   * when it does not parse.
   */
  public static LabelSelector workspaceSelector(JsonNode source) {
    String text =
        source.path("metadata").path("annotations").path(SELECTOR_ANNOTATION).asText("").trim();
    if (text.isEmpty()) {
      return LabelSelector.EVERYTHING;
    }
    try {
      return LabelSelector.parse(text);
    } catch (RuntimeException e) {
      return LabelSelector.NOTHING;
    }
  }

  /** Whether {@code source} goes to a descendant whose Workspace object has {@code labels}. */
  public static boolean selects(JsonNode source, Map<String, String> labels) {
    return workspaceSelector(source).matches(labels);
  }

  /**
   * The source that decides what a workspace holds under one name: the nearest ancestor's source of
   * that name (kind, namespace) whose selector selects the workspace. {@code sourceAt} gives the
   * source of that name in an ancestor, or null.
   */
  public static <S> Optional<S> nearest(
      String workspace, Function<String, S> sourceAt, Predicate<S> selectsWorkspace) {
    for (String ancestor : ancestors(workspace)) {
      S source = sourceAt.apply(ancestor);
      if (source != null && selectsWorkspace.test(source)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }

  /**
   * The copy of {@code source} (stored in workspace {@code sourcePath}) as it is written below: the
   * source's content without status and system metadata; its labels without the propagate label and
   * with the origin label; its annotations without the workspace path and kubectl's last-applied
   * record.
   */
  public static ObjectNode copyOf(ObjectNode source, String sourcePath) {
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getKey().equals("metadata") && !field.getKey().equals("status")) {
        copy.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    JsonNode meta = source.path("metadata");
    ObjectNode m = copy.putObject("metadata");
    m.put("name", meta.path("name").asText());
    if (meta.has("namespace")) {
      m.put("namespace", meta.path("namespace").asText());
    }
    ObjectNode labels = m.putObject("labels");
    meta.path("labels")
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals(PROPAGATE_LABEL)) {
                labels.set(e.getKey(), e.getValue());
              }
            });
    labels.put(ORIGIN_LABEL, origin(sourcePath));
    ObjectNode annotations = JsonNodeFactory.instance.objectNode();
    meta.path("annotations")
        .fields()
        .forEachRemaining(
            e -> {
              if (!ownAnnotation(e.getKey())) {
                annotations.set(e.getKey(), e.getValue());
              }
            });
    if (!annotations.isEmpty()) {
      m.set("annotations", annotations);
    }
    return copy;
  }

  /**
   * Whether {@code existing} (a stored object) holds what {@code desired} ({@link #copyOf}) says:
   * the same content apart from metadata and status, the same labels, the same annotations apart
   * from the workspace path. Everything else (uid, finalizers, managedFields, status) is the copy's
   * own.
   */
  public static boolean sameAsCopy(JsonNode existing, ObjectNode desired) {
    int fields = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = existing.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (name.equals("metadata") || name.equals("status")) {
        continue;
      }
      fields++;
      if (!field.getValue().equals(desired.get(name))) {
        return false;
      }
    }
    int wanted = desired.size() - 1 - (desired.has("status") ? 1 : 0);
    if (fields != wanted) {
      return false;
    }
    JsonNode meta = existing.path("metadata");
    JsonNode want = desired.path("metadata");
    return meta.path("labels").equals(want.path("labels"))
        && withoutPath(meta.path("annotations")).equals(withoutPath(want.path("annotations")));
  }

  /** Annotations that are each object's own: the workspace path, kubectl's last-applied record. */
  private static boolean ownAnnotation(String name) {
    return name.equals(Tenancy.PATH_ANNOTATION) || name.equals(LAST_APPLIED);
  }

  private static ObjectNode withoutPath(JsonNode annotations) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    annotations
        .fields()
        .forEachRemaining(
            e -> {
              if (!ownAnnotation(e.getKey())) {
                out.set(e.getKey(), e.getValue());
              }
            });
    return out;
  }

  /**
   * {@code current} (a copy of the stored object) made equal to {@code desired}: its content and
   * labels and annotations replaced, its own metadata (uid, finalizers, ...) and status kept.
   */
  public static ObjectNode restore(ObjectNode current, ObjectNode desired) {
    List<String> drop = new ArrayList<>();
    current
        .fieldNames()
        .forEachRemaining(
            n -> {
              if (!n.equals("metadata") && !n.equals("status") && !desired.has(n)) {
                drop.add(n);
              }
            });
    current.remove(drop);
    desired
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("metadata")) {
                current.set(e.getKey(), e.getValue().deepCopy());
              }
            });
    ObjectNode meta = current.with("metadata");
    meta.set("labels", desired.path("metadata").path("labels").deepCopy());
    String path = meta.path("annotations").path(Tenancy.PATH_ANNOTATION).asText("");
    ObjectNode annotations = withoutPath(desired.path("metadata").path("annotations"));
    if (!path.isEmpty()) {
      annotations.put(Tenancy.PATH_ANNOTATION, path);
    }
    meta.set("annotations", annotations);
    return current;
  }

  /** What to do in one descendant for one source. */
  public enum Action {
    /** Nothing there: create the copy. */
    CREATE,
    /** A copy that differs from the source (a tenant's edit, a changed source): put it back. */
    UPDATE,
    /** The copy is equal to the source. */
    NONE,
    /** The descendant's own object of that name: left alone, reported. */
    CONFLICT
  }

  /** {@code existing}: what the descendant holds under the copy's name, or null. */
  public static Action decide(JsonNode existing, ObjectNode desired) {
    if (existing == null) {
      return Action.CREATE;
    }
    if (!isCopy(existing)) {
      return Action.CONFLICT;
    }
    return sameAsCopy(existing, desired) ? Action.NONE : Action.UPDATE;
  }

  /**
   * A core/v1 Event about a conflict, named after what it is about (so reporting it again writes
   * nothing new).
   */
  public static ObjectNode conflictEvent(
      String namespace,
      Kind kind,
      ObjectKey involved,
      String sourcePath,
      ObjectKey target,
      String message,
      String now) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.put("apiVersion", "v1");
    e.put("kind", "Event");
    ObjectNode meta = e.putObject("metadata");
    meta.put("name", eventName(involved, sourcePath, target));
    meta.put("namespace", namespace);
    ObjectNode obj = e.putObject("involvedObject");
    obj.put("apiVersion", kind.apiVersion());
    obj.put("kind", kind.kind());
    obj.put("name", involved.name());
    if (!involved.namespace().isEmpty()) {
      obj.put("namespace", involved.namespace());
    }
    e.put("reason", CONFLICT_REASON);
    e.put("message", message);
    e.put("type", "Warning");
    e.putObject("source").put("component", "atrium-propagation");
    e.put("reportingComponent", "atrium-propagation");
    e.put("firstTimestamp", now);
    e.put("lastTimestamp", now);
    e.put("count", 1);
    return e;
  }

  static String eventName(ObjectKey involved, String sourcePath, ObjectKey target) {
    String id =
        involved.cluster()
            + "/"
            + involved.resource()
            + "/"
            + involved.namespace()
            + "/"
            + involved.name()
            + "|"
            + sourcePath
            + "|"
            + target.cluster();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return "propagation-conflict." + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
