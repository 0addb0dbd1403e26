package dev.atrium.hub.storage.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The selectable fields per resource, as kube-apiserver 1.33 accepts them in field selectors and
 * computes them from objects. Every resource has {@code metadata.name}, namespaced ones also {@code
 * metadata.namespace}. Missing values are the empty string, as upstream.
 */
public final class FieldSets {

  private static final String NAME = "metadata.name";
  private static final String NAMESPACE = "metadata.namespace";

  /** Per group/plural: field label to how it is read from the (versioned JSON) object. */
  private static final Map<String, Map<String, Function<ObjectNode, String>>> KINDS =
      Map.ofEntries(
          Map.entry(key("", "pods"), pods()),
          Map.entry(key("", "events"), coreEvents()),
          Map.entry(key("events.k8s.io", "events"), eventsV1()),
          Map.entry(key("", "namespaces"), Map.of("status.phase", text("status.phase"))),
          Map.entry(key("", "nodes"), Map.of("spec.unschedulable", bool("spec.unschedulable"))),
          Map.entry(key("", "secrets"), Map.of("type", text("type"))),
          Map.entry(key("", "services"), services()),
          Map.entry(key("", "replicationcontrollers"), replicas()),
          Map.entry(key("apps", "replicasets"), replicas()),
          // upstream accepts this label for StatefulSets but never sets it: it is always ""
          Map.entry(key("apps", "statefulsets"), Map.of("status.successful", o -> "")),
          Map.entry(key("batch", "jobs"), Map.of("status.successful", number("status.succeeded"))),
          Map.entry(
              key("certificates.k8s.io", "certificatesigningrequests"),
              Map.of("spec.signerName", text("spec.signerName"))),
          Map.entry(key("resource.k8s.io", "resourceslices"), resourceSlices()));

  private FieldSets() {}

  /** Extracts the selectable fields of an object of the resource (for {@link Selection}). */
  public static Function<ObjectNode, Map<String, String>> forResource(String group, String plural) {
    return forResource(group, plural, List.of());
  }

  /**
   * As {@link #forResource(String, String)}, plus {@code custom} dotted paths read from the object
   * (a CRD version's {@code selectableFields}, e.g. {@code spec.color}).
   */
  public static Function<ObjectNode, Map<String, String>> forResource(
      String group, String plural, List<String> custom) {
    Map<String, Function<ObjectNode, String>> specific = specificFields(group, plural, custom);
    return object -> {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put(NAME, text(NAME).apply(object));
      fields.put(NAMESPACE, text(NAMESPACE).apply(object));
      specific.forEach((label, reader) -> fields.put(label, reader.apply(object)));
      return fields;
    };
  }

  /** The field labels a field selector may use for the resource. */
  public static Set<String> supportedFields(String group, String plural, boolean namespaced) {
    return supportedFields(group, plural, namespaced, List.of());
  }

  /** As {@link #supportedFields(String, String, boolean)}, plus {@code custom} labels. */
  public static Set<String> supportedFields(
      String group, String plural, boolean namespaced, List<String> custom) {
    Set<String> fields = new LinkedHashSet<>();
    fields.add(NAME);
    if (namespaced) {
      fields.add(NAMESPACE);
    }
    fields.addAll(specificFields(group, plural, custom).keySet());
    return Set.copyOf(fields);
  }

  private static Map<String, Function<ObjectNode, String>> specificFields(
      String group, String plural, List<String> custom) {
    Map<String, Function<ObjectNode, String>> fixed =
        KINDS.getOrDefault(key(group == null ? "" : group, plural), Map.of());
    if (custom.isEmpty()) {
      return fixed;
    }
    Map<String, Function<ObjectNode, String>> all = new LinkedHashMap<>(fixed);
    custom.forEach(path -> all.putIfAbsent(path, text(path)));
    return all;
  }

  private static String key(String group, String plural) {
    return group + "/" + plural;
  }

  private static Map<String, Function<ObjectNode, String>> pods() {
    Map<String, Function<ObjectNode, String>> fields = new LinkedHashMap<>();
    fields.put("spec.nodeName", text("spec.nodeName"));
    fields.put("spec.host", text("spec.nodeName")); // legacy alias upstream maps to spec.nodeName
    fields.put("spec.restartPolicy", text("spec.restartPolicy"));
    fields.put("spec.schedulerName", text("spec.schedulerName"));
    fields.put("spec.serviceAccountName", text("spec.serviceAccountName"));
    fields.put("spec.hostNetwork", bool("spec.hostNetwork"));
    fields.put("status.phase", text("status.phase"));
    fields.put("status.podIP", FieldSets::podIp);
    fields.put("status.podIPs", o -> ""); // accepted upstream but not in the pod's field set
    fields.put("status.nominatedNodeName", text("status.nominatedNodeName"));
    return Map.copyOf(fields);
  }

  /** Upstream reads the first entry of status.podIPs. */
  private static String podIp(ObjectNode pod) {
    JsonNode first = pod.path("status").path("podIPs").path(0).path("ip");
    return first.isValueNode() ? first.asText() : text("status.podIP").apply(pod);
  }

  private static Map<String, Function<ObjectNode, String>> coreEvents() {
    Map<String, Function<ObjectNode, String>> fields = new LinkedHashMap<>();
    for (String part : objectReferenceParts()) {
      fields.put("involvedObject." + part, text("involvedObject." + part));
    }
    fields.put("reason", text("reason"));
    fields.put("reportingComponent", text("reportingComponent"));
    fields.put("source", FieldSets::eventSource);
    fields.put("type", text("type"));
    return Map.copyOf(fields);
  }

  /** source.component, or the reporting controller when empty. */
  private static String eventSource(ObjectNode event) {
    String component = text("source.component").apply(event);
    return component.isEmpty() ? text("reportingComponent").apply(event) : component;
  }

  /** events.k8s.io labels, mapped upstream onto the core event's fields. */
  private static Map<String, Function<ObjectNode, String>> eventsV1() {
    Map<String, Function<ObjectNode, String>> fields = new LinkedHashMap<>();
    for (String part : objectReferenceParts()) {
      fields.put("regarding." + part, text("regarding." + part));
    }
    fields.put("reason", text("reason"));
    fields.put("reportingController", text("reportingController"));
    fields.put("type", text("type"));
    return Map.copyOf(fields);
  }

  private static String[] objectReferenceParts() {
    return new String[] {
      "kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"
    };
  }

  private static Map<String, Function<ObjectNode, String>> services() {
    return Map.of("spec.clusterIP", text("spec.clusterIP"), "spec.type", text("spec.type"));
  }

  private static Map<String, Function<ObjectNode, String>> replicas() {
    return Map.of("status.replicas", number("status.replicas"));
  }

  private static Map<String, Function<ObjectNode, String>> resourceSlices() {
    return Map.of("spec.nodeName", text("spec.nodeName"), "spec.driver", text("spec.driver"));
  }

  /** The scalar at a dotted path, or "" when absent or not a scalar. */
  static Function<ObjectNode, String> text(String dottedPath) {
    return textOr(dottedPath, "");
  }

  /** A boolean field; Go's zero value "false" when absent. */
  private static Function<ObjectNode, String> bool(String dottedPath) {
    return textOr(dottedPath, "false");
  }

  /** An int32 field; Go's zero value "0" when absent. */
  private static Function<ObjectNode, String> number(String dottedPath) {
    return textOr(dottedPath, "0");
  }

  private static Function<ObjectNode, String> textOr(String dottedPath, String absent) {
    String[] steps = dottedPath.split("\\.");
    return object -> {
      JsonNode node = object;
      for (String step : steps) {
        node = node.path(step);
      }
      return node.isValueNode() && !node.isNull() ? node.asText() : absent;
    };
  }
}
