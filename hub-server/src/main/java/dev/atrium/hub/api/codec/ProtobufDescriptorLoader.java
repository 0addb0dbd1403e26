package dev.atrium.hub.api.codec;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link FileDescriptor}s of the Kubernetes API protos shipped in client-java-proto,
 * from the descriptor data embedded in its outer classes (see {@link ProtobufClassFileReader} for
 * why the classes themselves are not loaded).
 */
final class ProtobufDescriptorLoader {

  private static final String CLASS_PREFIX = "io/kubernetes/client/proto/";

  /** The outer classes of client-java-proto 27.0.0. */
  static final List<String> OUTER_CLASSES =
      List.of(
          "Runtime",
          "RuntimeSchema",
          "IntStr",
          "Resource",
          "Meta",
          "V1",
          "V1Admission",
          "V1Admissionregistration",
          "V1Apiextensions",
          "V1Apps",
          "V1Authentication",
          "V1Authorization",
          "V1Autoscaling",
          "V1Batch",
          "V1Certificates",
          "V1Coordination",
          "V1Discovery",
          "V1Events",
          "V1Flowcontrol",
          "V1Networking",
          "V1Node",
          "V1Policy",
          "V1Rbac",
          "V1Resource",
          "V1Scheduling",
          "V1Storage",
          "V1alpha1Apiserverinternal",
          "V1alpha1Imagepolicy",
          "V1alpha1Rbac",
          "V1alpha1Scheduling",
          "V1beta1Admission",
          "V1beta1Admissionregistration",
          "V1beta1Apiextensions",
          "V1beta1Apps",
          "V1beta1Authentication",
          "V1beta1Authorization",
          "V1beta1Batch",
          "V1beta1Certificates",
          "V1beta1Extensions",
          "V1beta1Policy",
          "V1beta1Rbac",
          "V1beta1Storage",
          "V1beta1Storagemigration",
          "V1beta2Apps",
          "V2Apidiscovery",
          "V2Autoscaling",
          "V2beta1Apidiscovery",
          "V2beta1Autoscaling",
          "V2beta2Autoscaling");

  private final Map<String, FileDescriptorProto> protosByName = new LinkedHashMap<>();
  private final Map<String, FileDescriptor> built = new HashMap<>();

  private ProtobufDescriptorLoader() {}

  /** All files, dependencies included, keyed by proto file name. */
  static Collection<FileDescriptor> loadAll() {
    ProtobufDescriptorLoader loader = new ProtobufDescriptorLoader();
    OUTER_CLASSES.forEach(loader::read);
    List<FileDescriptor> files = new ArrayList<>();
    for (String name : loader.protosByName.keySet()) {
      files.add(loader.build(name));
    }
    return files;
  }

  private void read(String outerClass) {
    byte[] bytes = ProtobufClassFileReader.descriptorBytes(CLASS_PREFIX + outerClass + ".class");
    try {
      FileDescriptorProto proto = FileDescriptorProto.parseFrom(bytes);
      protosByName.put(proto.getName(), proto);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("bad descriptor data in " + outerClass, e);
    }
  }

  private FileDescriptor build(String name) {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protosByName.get(name);
    if (proto == null) {
      throw new IllegalStateException("missing proto dependency " + name);
    }
    FileDescriptor[] deps =
        proto.getDependencyList().stream().map(this::build).toArray(FileDescriptor[]::new);
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, deps);
      built.put(name, file);
      return file;
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException("invalid descriptor " + name, e);
    }
  }
}
