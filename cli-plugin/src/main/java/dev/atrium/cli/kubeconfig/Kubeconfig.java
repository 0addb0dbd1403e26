package dev.atrium.cli.kubeconfig;

import dev.atrium.cli.common.CliException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * The kubeconfig as kubectl sees it: one or more files (from {@code --kubeconfig}, {@code
 * KUBECONFIG} or {@code ~/.kube/config}) merged so that the first file naming an entry wins. Edits
 * go where kubectl puts them: an existing entry is changed in the file that defines it, a new one
 * goes to the file holding the current context (else the first existing file), and {@link #save}
 * writes only the files that changed, each atomically, after checking all are writable.
 */
public final class Kubeconfig {

  private final List<KubeconfigFile> files;

  Kubeconfig(List<KubeconfigFile> files) {
    this.files = files;
  }

  /** The files named by the flag, else {@code $KUBECONFIG}, else {@code ~/.kube/config}. */
  public static Kubeconfig load(String flag, String envKubeconfig, String home) {
    if (flag != null && !flag.isEmpty()) {
      Path path = Path.of(flag);
      if (!Files.exists(path)) {
        throw new CliException("kubeconfig " + flag + " does not exist");
      }
      return new Kubeconfig(List.of(KubeconfigFile.load(path)));
    }
    List<KubeconfigFile> files = new ArrayList<>();
    for (Path path : paths(envKubeconfig, home)) {
      files.add(KubeconfigFile.load(path));
    }
    return new Kubeconfig(files);
  }

  static List<Path> paths(String envKubeconfig, String home) {
    Set<Path> paths = new LinkedHashSet<>();
    if (envKubeconfig != null) {
      for (String part : envKubeconfig.split(File.pathSeparator)) {
        if (!part.isBlank()) {
          paths.add(Path.of(part));
        }
      }
    }
    if (paths.isEmpty()) {
      paths.add(Path.of(home, ".kube", "config"));
    }
    return new ArrayList<>(paths);
  }

  public List<KubeconfigFile> files() {
    return files;
  }

  public String currentContext() {
    return files.stream()
        .map(KubeconfigFile::currentContext)
        .filter(c -> c != null)
        .findFirst()
        .orElse(null);
  }

  public Optional<Entry> entry(NamedKind kind, String name) {
    if (name == null) {
      return Optional.empty();
    }
    return files.stream()
        .filter(f -> f.has(kind, name))
        .findFirst()
        .map(f -> new Entry(f, f.body(kind, name)));
  }

  public void put(NamedKind kind, String name, MappingNode body) {
    KubeconfigFile file =
        files.stream().filter(f -> f.has(kind, name)).findFirst().orElse(destination());
    file.putBody(kind, name, body);
  }

  public void setCurrentContext(String name) {
    KubeconfigFile file =
        files.stream().filter(f -> f.currentContext() != null).findFirst().orElse(destination());
    file.setCurrentContext(name);
  }

  /** Where new entries go: the file with the current context, else the first existing one. */
  KubeconfigFile destination() {
    return files.stream()
        .filter(f -> f.currentContext() != null)
        .findFirst()
        .or(() -> files.stream().filter(KubeconfigFile::exists).findFirst())
        .orElse(files.get(0));
  }

  /** Writes every changed file; nothing is written unless all of them can be. */
  public void save() {
    List<KubeconfigFile> changed = files.stream().filter(KubeconfigFile::modified).toList();
    changed.forEach(KubeconfigFile::checkWritable);
    changed.forEach(KubeconfigFile::save);
  }
}
