package dev.atrium.hub.api.codec;

import java.util.Map;

/** Maps the proto package of a Kubernetes API file to the apiVersion its kinds are served at. */
final class ProtobufGroupVersions {

  /** Package segments whose API group is not {@code <segment>.k8s.io}. */
  private static final Map<String, String> GROUPS =
      Map.of(
          "core", "",
          "apps", "apps",
          "batch", "batch",
          "autoscaling", "autoscaling",
          "policy", "policy",
          "extensions", "extensions",
          "rbac", "rbac.authorization.k8s.io",
          "flowcontrol", "flowcontrol.apiserver.k8s.io",
          "apiserverinternal", "internal.apiserver.k8s.io",
          "meta", "meta.k8s.io");

  private ProtobufGroupVersions() {}

  /**
   * {@code k8s.io.api.apps.v1} → {@code apps/v1}, {@code k8s.io.api.core.v1} → {@code v1}, {@code
   * k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1} → {@code apiextensions.k8s.io/v1}.
   * Null for packages that hold no API kinds (runtime, intstr, resource).
   */
  static String apiVersion(String protoPackage) {
    String[] parts = protoPackage.split("\\.");
    if (parts.length < 2) {
      return null;
    }
    String version = parts[parts.length - 1];
    if (!version.matches("v\\d+((alpha|beta)\\d+)?")) {
      return null;
    }
    String group = group(parts[parts.length - 2]);
    return group.isEmpty() ? version : group + "/" + version;
  }

  private static String group(String segment) {
    return GROUPS.getOrDefault(segment, segment + ".k8s.io");
  }
}
