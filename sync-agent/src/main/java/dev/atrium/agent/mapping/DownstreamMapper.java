package dev.atrium.agent.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.workload.Workload;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Upstream object to downstream object: the namespace it lands in, the target label, the upstream
 * annotation, and everything server-owned or downstream-allocated taken out. Pure.
 */
public final class DownstreamMapper {

  /** On downstream objects: hash of the desired object, so removals upstream are noticed. */
  public static final String DESIRED_HASH_ANNOTATION = "workload.atrium.dev/desired-hash";

  static final String PATH_ANNOTATION = "atrium.dev/path";
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private static final List<String> SERVER_METADATA =
      List.of(
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "managedFields",
          "ownerReferences",
          "finalizers",
          "selfLink",
          "generateName");

  private static final Set<String> JOB_GENERATED_LABELS =
      Set.of(
          "controller-uid",
          "job-name",
          "batch.kubernetes.io/controller-uid",
          "batch.kubernetes.io/job-name");

  private final String key;

  public DownstreamMapper(String key) {
    this.key = key;
  }

  /** The namespace the objects of {@code workspace}'s {@code namespace} land in. */
  public static String downstreamNamespace(UpstreamObject up) {
    return up.namespace().isEmpty()
        ? ""
        : Workload.downstreamNamespace(up.workspace(), up.namespace());
  }

  /** The downstream object, ready for server-side apply. */
  public ObjectNode toDownstream(UpstreamObject up) {
    ObjectNode out = up.object().deepCopy();
    out.remove("status");
    ObjectNode meta = Json.child(out, "metadata");
    SERVER_METADATA.forEach(meta::remove);
    if (!up.namespace().isEmpty()) {
      meta.put("namespace", downstreamNamespace(up));
    }
    ObjectNode labels = Json.child(meta, "labels");
    removeKeys(labels, k -> k.startsWith(Workload.STATE_LABEL_PREFIX));
    labels.put(Workload.SYNC_TARGET_LABEL, key);
    ObjectNode annotations = Json.child(meta, "annotations");
    annotations.remove(
        List.of(
            PATH_ANNOTATION, LAST_APPLIED, DESIRED_HASH_ANNOTATION, Workload.PLACED_ANNOTATION));
    removeKeys(annotations, k -> k.startsWith(Workload.STATUS_ANNOTATION_PREFIX));
    annotations.put(Workload.UPSTREAM_ANNOTATION, upstreamAnnotation(up));
    dropAllocatedFields(up.group(), up.resource(), out);
    annotations.put(DESIRED_HASH_ANNOTATION, Json.hash(out));
    return out;
  }

  /** The downstream namespace for {@code workspace}'s namespace {@code namespace}. */
  public ObjectNode namespace(String workspace, String namespace) {
    ObjectNode ns = Json.object();
    ns.put("apiVersion", "v1").put("kind", "Namespace");
    ObjectNode meta = ns.putObject("metadata");
    meta.put("name", Workload.downstreamNamespace(workspace, namespace));
    meta.putObject("labels").put(Workload.SYNC_TARGET_LABEL, key);
    ObjectNode locator = Json.object().put("workspace", workspace).put("namespace", namespace);
    meta.putObject("annotations").put(Workload.NAMESPACE_LOCATOR, Json.write(locator));
    return ns;
  }

  /** A CRD from the view, to install downstream so the custom resources can be applied. */
  public ObjectNode crd(ObjectNode upstreamCrd) {
    ObjectNode out = upstreamCrd.deepCopy();
    out.remove("status");
    ObjectNode meta = Json.child(out, "metadata");
    SERVER_METADATA.forEach(meta::remove);
    meta.remove("namespace");
    ObjectNode labels = Json.child(meta, "labels");
    removeKeys(labels, k -> k.startsWith(Workload.STATE_LABEL_PREFIX));
    labels.put(Workload.SYNC_TARGET_LABEL, key);
    ObjectNode annotations = Json.child(meta, "annotations");
    annotations.remove(List.of(PATH_ANNOTATION, LAST_APPLIED));
    return out;
  }

  /** {"workspace":..,"namespace":..,"name":..,"generation":..} */
  static String upstreamAnnotation(UpstreamObject up) {
    ObjectNode a = Json.object();
    a.put("workspace", up.workspace());
    a.put("namespace", up.namespace());
    a.put("name", up.name());
    a.put("generation", up.generation());
    return Json.write(a);
  }

  private static void dropAllocatedFields(String group, String resource, ObjectNode out) {
    ObjectNode spec = out.get("spec") instanceof ObjectNode s ? s : null;
    if (spec == null) {
      return;
    }
    switch (group + "/" + resource) {
      case "/services" -> {
        if (!"None".equals(Json.text(spec, "clusterIP"))) {
          spec.remove(List.of("clusterIP", "clusterIPs"));
        }
        spec.remove("healthCheckNodePort");
      }
      case "/pods" -> spec.remove("nodeName");
      case "/persistentvolumeclaims" -> spec.remove("volumeName");
      case "/serviceaccounts" -> out.remove("secrets");
      case "batch/jobs" -> dropJobSelector(spec);
      default -> {}
    }
  }

  private static void dropJobSelector(ObjectNode spec) {
    if (spec.path("manualSelector").asBoolean(false)) {
      return;
    }
    spec.remove("selector");
    if (Json.at(spec, "template", "metadata", "labels") instanceof ObjectNode l) {
      removeKeys(l, JOB_GENERATED_LABELS::contains);
    }
  }

  static void removeKeys(ObjectNode node, Predicate<String> drop) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      if (drop.test(it.next().getKey())) {
        it.remove();
      }
    }
  }

  /** The upstream annotation of a downstream object, or null when it has none. */
  public static ObjectNode upstreamOf(JsonNode downstream) {
    String a = Json.text(downstream, "metadata", "annotations", Workload.UPSTREAM_ANNOTATION);
    if (a == null) {
      return null;
    }
    try {
      return Json.parse(a);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The upstream object a downstream copy of {@code gvr} came from, or null. */
  public static ObjectRef refOf(Gvr gvr, JsonNode downstream) {
    ObjectNode a = upstreamOf(downstream);
    if (a == null || !a.path("workspace").isTextual() || !a.path("name").isTextual()) {
      return null;
    }
    return new ObjectRef(
        a.get("workspace").asText(),
        gvr.group(),
        gvr.resource(),
        a.path("namespace").asText(""),
        a.get("name").asText());
  }

  static ArrayNode array(JsonNode n) {
    return n instanceof ArrayNode a ? a : Json.MAPPER.createArrayNode();
  }
}
