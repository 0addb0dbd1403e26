package dev.atrium.cli.kubeconfig;

import java.nio.file.Path;
import org.yaml.snakeyaml.nodes.MappingNode;

/** A named cluster, context or user as found in one of the kubeconfig files. */
public record Entry(KubeconfigFile file, MappingNode body) {

  public String string(String key) {
    return YamlNodes.string(body, key);
  }

  public boolean flag(String key) {
    return "true".equalsIgnoreCase(string(key));
  }

  /** A file named by {@code key}, relative names resolved against the kubeconfig's folder. */
  public Path path(String key) {
    String value = string(key);
    if (value == null || value.isEmpty()) {
      return null;
    }
    Path p = Path.of(value);
    Path dir = file.path().toAbsolutePath().getParent();
    return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
  }

  /** A copy of the body to store under another name; relative file names made absolute. */
  public MappingNode copyBody() {
    MappingNode copy = (MappingNode) YamlNodes.copy(body);
    for (String key :
        new String[] {"certificate-authority", "client-certificate", "client-key", "tokenFile"}) {
      Path p = path(key);
      if (p != null) {
        YamlNodes.putString(copy, key, p.toString());
      }
    }
    return copy;
  }

  /** Sets a string field of a body obtained from {@link #copyBody()}. */
  public static void set(MappingNode body, String key, String value) {
    if (value == null) {
      YamlNodes.remove(body, key);
    } else {
      YamlNodes.putString(body, key, value);
    }
  }

  public static MappingNode newBody() {
    return YamlNodes.emptyMapping();
  }
}
