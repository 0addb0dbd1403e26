package dev.atrium.agent.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * ConfigMaps, Secrets and ServiceAccounts a workload refers to in its own namespace: volumes,
 * projected sources, envFrom, env valueFrom, imagePullSecrets, serviceAccountName. Pure.
 */
public final class References {

  /**
   * One referenced object.
   *
   * @param resource "configmaps", "secrets" or "serviceaccounts"
   * @param name its name in the referring object's namespace
   */
  public record Reference(String resource, String name) {}

  private References() {}

  public static Set<Reference> of(JsonNode object) {
    Set<Reference> out = new LinkedHashSet<>();
    JsonNode podSpec = podSpec(object);
    if (podSpec == null) {
      return out;
    }
    String sa = podSpec.path("serviceAccountName").asText(podSpec.path("serviceAccount").asText());
    if (!sa.isEmpty() && !sa.equals("default")) {
      out.add(new Reference("serviceaccounts", sa));
    }
    for (JsonNode s : podSpec.path("imagePullSecrets")) {
      add(out, "secrets", s.path("name"));
    }
    for (JsonNode v : podSpec.path("volumes")) {
      add(out, "configmaps", v.path("configMap").path("name"));
      add(out, "secrets", v.path("secret").path("secretName"));
      for (JsonNode p : v.path("projected").path("sources")) {
        add(out, "configmaps", p.path("configMap").path("name"));
        add(out, "secrets", p.path("secret").path("name"));
      }
    }
    for (String list : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
      for (JsonNode c : podSpec.path(list)) {
        containerReferences(c, out);
      }
    }
    return out;
  }

  private static void containerReferences(JsonNode c, Set<Reference> out) {
    for (JsonNode e : c.path("envFrom")) {
      add(out, "configmaps", e.path("configMapRef").path("name"));
      add(out, "secrets", e.path("secretRef").path("name"));
    }
    for (JsonNode e : c.path("env")) {
      add(out, "configmaps", e.path("valueFrom").path("configMapKeyRef").path("name"));
      add(out, "secrets", e.path("valueFrom").path("secretKeyRef").path("name"));
    }
  }

  /** The pod template's spec of a Pod, a workload controller, or a CronJob. */
  static JsonNode podSpec(JsonNode object) {
    String kind = object.path("kind").asText();
    JsonNode spec = object.path("spec");
    JsonNode found =
        switch (kind) {
          case "Pod" -> spec;
          case "CronJob" -> spec.path("jobTemplate").path("spec").path("template").path("spec");
          default -> spec.path("template").path("spec");
        };
    return found.isObject() ? found : null;
  }

  private static void add(Set<Reference> out, String resource, JsonNode name) {
    if (name.isTextual() && !name.asText().isEmpty()) {
      out.add(new Reference(resource, name.asText()));
    }
  }
}
