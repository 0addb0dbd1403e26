package dev.atrium.hub.api.codec;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The (apiVersion, kind) → protobuf message map for every Kubernetes API kind in client-java-proto,
 * built once on first use.
 *
 * <p>A kind is a top-level message with a {@code metadata} field of type ObjectMeta or ListMeta
 * (templates such as PodTemplateSpec excluded), plus {@code DeleteOptions}, which Kubernetes
 * registers in every group version, and {@code AdmissionReview}.
 */
final class ProtobufTypeRegistry {

  static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final Set<String> METADATA_TYPES = Set.of(META + "ObjectMeta", META + "ListMeta");
  private static final Set<String> NOT_KINDS = Set.of("PersistentVolumeClaimTemplate");
  private static final Set<String> KINDS_WITHOUT_METADATA = Set.of("AdmissionReview");

  private ProtobufTypeRegistry() {}

  /** The message for the kind, or null. */
  static Descriptor find(String apiVersion, String kind) {
    return Holder.TYPES.get(key(apiVersion, kind));
  }

  /** All registered kinds as {@code "apiVersion, Kind=kind"}, sorted. */
  static Set<String> known() {
    return Collections.unmodifiableSet(Holder.TYPES.keySet());
  }

  /** A message type by full proto name, e.g. {@code k8s.io.api.core.v1.ObjectMeta}; or null. */
  static Descriptor message(String fullName) {
    return message(Holder.FILES, fullName);
  }

  private static Descriptor message(Collection<FileDescriptor> files, String fullName) {
    for (FileDescriptor file : files) {
      String prefix = file.getPackage() + ".";
      if (fullName.startsWith(prefix)) {
        Descriptor found = file.findMessageTypeByName(fullName.substring(prefix.length()));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  static String key(String apiVersion, String kind) {
    return apiVersion + ", Kind=" + kind;
  }

  private static final class Holder {
    static final Collection<FileDescriptor> FILES = ProtobufDescriptorLoader.loadAll();
    static final Map<String, Descriptor> TYPES = build(FILES);
  }

  private static Map<String, Descriptor> build(Collection<FileDescriptor> files) {
    Map<String, Descriptor> types = new TreeMap<>();
    Descriptor deleteOptions = message(files, META + "DeleteOptions");
    for (FileDescriptor file : files) {
      String apiVersion = ProtobufGroupVersions.apiVersion(file.getPackage());
      if (apiVersion != null) {
        registerFile(types, apiVersion, file);
        types.put(key(apiVersion, "DeleteOptions"), deleteOptions);
      }
    }
    return types;
  }

  private static void registerFile(
      Map<String, Descriptor> types, String apiVersion, FileDescriptor file) {
    for (Descriptor message : file.getMessageTypes()) {
      if (isKind(message)) {
        types.put(key(apiVersion, message.getName()), message);
      }
    }
  }

  private static boolean isKind(Descriptor message) {
    String name = message.getName();
    if (KINDS_WITHOUT_METADATA.contains(name)) {
      return true;
    }
    if (NOT_KINDS.contains(name) || name.endsWith("TemplateSpec")) {
      return false;
    }
    FieldDescriptor metadata = message.findFieldByName("metadata");
    return metadata != null
        && metadata.getType() == FieldDescriptor.Type.MESSAGE
        && METADATA_TYPES.contains(metadata.getMessageType().getFullName());
  }
}
