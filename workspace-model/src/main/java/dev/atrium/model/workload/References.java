package dev.atrium.model.workload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The ConfigMaps, Secrets and ServiceAccounts a workload object refers to in its own namespace:
 * volumes (also projected), {@code envFrom}, {@code env[].valueFrom}, {@code imagePullSecrets} and
 * {@code serviceAccountName} of the pod spec of Pods, workload templates and CronJobs.
 */
public final class References {

  /** A referenced object: {@code resource} is "configmaps", "secrets" or "serviceaccounts". */
  public record Ref(String resource, String name) {}

  private static final String[] CONTAINER_LISTS = {
    "containers", "initContainers", "ephemeralContainers"
  };

  private References() {}

  /** Everything {@code object} refers to; empty for kinds without a pod spec. */
  public static Set<Ref> of(JsonNode object) {
    Set<Ref> refs = new LinkedHashSet<>();
    JsonNode podSpec = podSpec(object);
    if (podSpec.isObject()) {
      fromPodSpec(podSpec, refs);
    }
    return refs;
  }

  /** The pod spec of a Pod, a pod template holder, or a CronJob; a missing node otherwise. */
  static JsonNode podSpec(JsonNode object) {
    String kind = object.path("kind").asText("");
    JsonNode spec = object.path("spec");
    switch (kind) {
      case "Pod":
        return spec;
      case "CronJob":
        return spec.path("jobTemplate").path("spec").path("template").path("spec");
      default:
        return spec.path("template").path("spec");
    }
  }

  private static void fromPodSpec(JsonNode spec, Set<Ref> refs) {
    add(refs, "serviceaccounts", spec.path("serviceAccountName"));
    add(refs, "serviceaccounts", spec.path("serviceAccount"));
    spec.path("imagePullSecrets").forEach(s -> add(refs, "secrets", s.path("name")));
    spec.path("volumes").forEach(v -> fromVolume(v, refs));
    for (String list : CONTAINER_LISTS) {
      spec.path(list).forEach(c -> fromContainer(c, refs));
    }
  }

  private static void fromVolume(JsonNode volume, Set<Ref> refs) {
    add(refs, "configmaps", volume.path("configMap").path("name"));
    add(refs, "secrets", volume.path("secret").path("secretName"));
    volume
        .path("projected")
        .path("sources")
        .forEach(
            source -> {
              add(refs, "configmaps", source.path("configMap").path("name"));
              add(refs, "secrets", source.path("secret").path("name"));
            });
  }

  private static void fromContainer(JsonNode container, Set<Ref> refs) {
    container
        .path("envFrom")
        .forEach(
            from -> {
              add(refs, "configmaps", from.path("configMapRef").path("name"));
              add(refs, "secrets", from.path("secretRef").path("name"));
            });
    container
        .path("env")
        .forEach(
            env -> {
              JsonNode valueFrom = env.path("valueFrom");
              add(refs, "configmaps", valueFrom.path("configMapKeyRef").path("name"));
              add(refs, "secrets", valueFrom.path("secretKeyRef").path("name"));
            });
  }

  private static void add(Set<Ref> refs, String resource, JsonNode name) {
    if (name.isTextual() && !name.asText().isEmpty()) {
      refs.add(new Ref(resource, name.asText()));
    }
  }
}
