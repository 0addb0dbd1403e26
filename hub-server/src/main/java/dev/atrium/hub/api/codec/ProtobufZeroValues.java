package dev.atrium.hub.api.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Set;

/**
 * Decides which zero-valued scalar fields to leave out, so that the JSON matches what Go's {@code
 * encoding/json} would produce for the same object.
 *
 * <p>Go's protobuf marshaller writes every non-pointer scalar field, even when it is zero: a
 * ConfigMap from kubectl carries {@code generateName: ""}, {@code generation: 0} and so on. The
 * JSON encoding leaves those out ({@code omitempty}). Pointer fields are written only when set, and
 * for them zero is a real value ({@code replicas: 0}, {@code gracePeriodSeconds: 0}, {@code
 * automountServiceAccountToken: false}). The descriptors do not say which Go fields are pointers,
 * so zero scalars are dropped except for the fields below ({@code name} or {@code Message.name}):
 * pointer fields of the Kubernetes API whose zero value differs from leaving them out, and a few
 * non-omitempty fields.
 */
final class ProtobufZeroValues {

  private static final Set<String> KEEP_ZERO_NUMBERS =
      Set.of(
          "DeploymentSpec.replicas",
          "ReplicaSetSpec.replicas",
          "StatefulSetSpec.replicas",
          "ReplicationControllerSpec.replicas",
          "ScaleSpec.replicas",
          "revisionHistoryLimit",
          "progressDeadlineSeconds",
          "parallelism",
          "completions",
          "backoffLimit",
          "backoffLimitPerIndex",
          "maxFailedIndexes",
          "activeDeadlineSeconds",
          "ttlSecondsAfterFinished",
          "startingDeadlineSeconds",
          "successfulJobsHistoryLimit",
          "failedJobsHistoryLimit",
          "terminationGracePeriodSeconds",
          "runAsUser",
          "runAsGroup",
          "fsGroup",
          "defaultMode",
          "mode",
          "expirationSeconds",
          "leaseDurationSeconds",
          "leaseTransitions",
          "priority",
          "value",
          "minReplicas",
          "maxReplicas",
          "targetCPUUtilizationPercentage",
          "averageUtilization",
          "stabilizationWindowSeconds",
          "gracePeriodSeconds",
          "partition",
          "minDomains",
          "maxLength",
          "minLength",
          "maxItems",
          "minItems",
          "maxProperties",
          "minProperties",
          "maximum",
          "minimum",
          "multipleOf");

  private static final Set<String> KEEP_FALSE =
      Set.of(
          "automountServiceAccountToken",
          "immutable",
          "suspend",
          "privileged",
          "allowPrivilegeEscalation",
          "readOnlyRootFilesystem",
          "runAsNonRoot",
          "optional",
          "enableServiceLinks",
          "shareProcessNamespace",
          "hostUsers",
          "setHostnameAsFQDN",
          "manualSelector",
          "allowVolumeExpansion",
          "attachRequired",
          "podInfoOnMount",
          "requiresRepublish",
          "storageCapacity",
          "seLinuxMount",
          "ready",
          "serving",
          "terminating",
          "allocateLoadBalancerNodePorts",
          "allowed",
          "served",
          "storage",
          "preserveUnknownFields",
          "xKubernetesPreserveUnknownFields",
          "blockOwnerDeletion",
          "controller",
          "orphanDependents",
          "defaultAllowPrivilegeEscalation",
          "namespaced");

  private static final Set<String> KEEP_EMPTY_STRING = Set.of("storageClassName", "holderIdentity");

  private ProtobufZeroValues() {}

  /** True if this set singular field should not appear in the JSON. */
  static boolean omit(FieldDescriptor field, Object value) {
    return switch (field.getJavaType()) {
      case STRING -> ((String) value).isEmpty() && !listed(KEEP_EMPTY_STRING, field);
      case BYTE_STRING -> ((ByteString) value).isEmpty();
      case BOOLEAN -> !((Boolean) value) && !listed(KEEP_FALSE, field);
      case INT, LONG, FLOAT, DOUBLE ->
          ((Number) value).doubleValue() == 0 && !listed(KEEP_ZERO_NUMBERS, field);
      case ENUM, MESSAGE -> false;
    };
  }

  private static boolean listed(Set<String> names, FieldDescriptor field) {
    return names.contains(field.getName())
        || names.contains(field.getContainingType().getName() + "." + field.getName());
  }
}
