package dev.atrium.hub.api.openapi;

import java.util.Optional;

/**
 * Maps between definition names of the Kubernetes schemas ({@code io.k8s.api.apps.v1.Deployment})
 * and API groups, and names the definitions of custom kinds the way kube does ({@code
 * com.example.stable.v1.CronTab} for group {@code stable.example.com}).
 */
final class ApiGroups {

  private static final String API_PREFIX = "io.k8s.api.";
  private static final String APIEXTENSIONS_PREFIX =
      "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.";
  private static final String AGGREGATOR_PREFIX =
      "io.k8s.kube-aggregator.pkg.apis.apiregistration.";
  private static final String META_STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";

  private ApiGroups() {}

  /** The group of a package under {@code k8s.io/api}. */
  static String groupOfPackage(String pkg) {
    return switch (pkg) {
      case "core" -> "";
      case "apps", "batch", "autoscaling", "policy", "extensions" -> pkg;
      case "rbac" -> "rbac.authorization.k8s.io";
      case "flowcontrol" -> "flowcontrol.apiserver.k8s.io";
      case "apiserverinternal" -> "internal.apiserver.k8s.io";
      default -> pkg + ".k8s.io";
    };
  }

  /** The kind a definition name stands for, if it names a type of an API group. */
  static Optional<Gvk> gvkOf(String definition) {
    if (definition.equals(META_STATUS)) {
      return Optional.of(new Gvk("", "v1", "Status"));
    }
    if (definition.startsWith(API_PREFIX)) {
      String[] parts = definition.substring(API_PREFIX.length()).split("\\.");
      return parts.length == 3
          ? Optional.of(new Gvk(groupOfPackage(parts[0]), parts[1], parts[2]))
          : Optional.empty();
    }
    if (definition.startsWith(APIEXTENSIONS_PREFIX)) {
      return versionAndKind(
          definition.substring(APIEXTENSIONS_PREFIX.length()), "apiextensions.k8s.io");
    }
    if (definition.startsWith(AGGREGATOR_PREFIX)) {
      return versionAndKind(
          definition.substring(AGGREGATOR_PREFIX.length()), "apiregistration.k8s.io");
    }
    return Optional.empty();
  }

  private static Optional<Gvk> versionAndKind(String rest, String group) {
    String[] parts = rest.split("\\.");
    return parts.length == 2 ? Optional.of(new Gvk(group, parts[0], parts[1])) : Optional.empty();
  }

  /** Definition name of a kind that has no built-in schema: reversed group, version, kind. */
  static String customDefinition(Gvk gvk) {
    StringBuilder name = new StringBuilder();
    String[] labels = gvk.group().isEmpty() ? new String[] {"core"} : gvk.group().split("\\.");
    for (int i = labels.length - 1; i >= 0; i--) {
      name.append(labels[i]).append('.');
    }
    return name.append(gvk.version()).append('.').append(gvk.kind()).toString();
  }

  /** {@code api/v1} or {@code apis/<group>/<version>}: the key of a document in the index. */
  static String documentPath(String group, String version) {
    return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
  }
}
