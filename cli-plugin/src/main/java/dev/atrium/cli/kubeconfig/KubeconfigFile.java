package dev.atrium.cli.kubeconfig;

import dev.atrium.cli.common.CliException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/** One kubeconfig file as a YAML node tree: read, edited in place, written back atomically. */
public final class KubeconfigFile {

  private final Path path;
  private final MappingNode root;
  private final boolean exists;
  private boolean modified;

  private KubeconfigFile(Path path, MappingNode root, boolean exists) {
    this.path = path;
    this.root = root;
    this.exists = exists;
  }

  /** Reads {@code path}; a missing file is an empty kubeconfig that {@link #save} creates. */
  public static KubeconfigFile load(Path path) {
    if (!Files.exists(path)) {
      return new KubeconfigFile(path, newConfig(), false);
    }
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Node node = compose(reader);
      if (node == null) {
        return new KubeconfigFile(path, newConfig(), true);
      }
      if (!(node instanceof MappingNode mapping)) {
        throw malformed(path, "the document is not a mapping");
      }
      checkShape(path, mapping);
      return new KubeconfigFile(path, mapping, true);
    } catch (YAMLException e) {
      throw malformed(path, e.getMessage().replace('\n', ' '));
    } catch (IOException e) {
      throw new CliException("cannot read kubeconfig " + path + ": " + e.getMessage(), e);
    }
  }

  private static void checkShape(Path path, MappingNode root) {
    for (NamedKind kind : NamedKind.values()) {
      Node list = YamlNodes.get(root, kind.list);
      if (list != null && !(list instanceof SequenceNode) && !isNull(list)) {
        throw malformed(path, "\"" + kind.list + "\" is not a list");
      }
      if (list instanceof SequenceNode seq) {
        for (Node item : seq.getValue()) {
          if (!(item instanceof MappingNode) || YamlNodes.string(item, "name") == null) {
            throw malformed(path, "an entry of \"" + kind.list + "\" has no name");
          }
        }
      }
    }
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  private static CliException malformed(Path path, String why) {
    return new CliException("error loading kubeconfig " + path + ": " + why);
  }

  private static MappingNode newConfig() {
    MappingNode root = YamlNodes.emptyMapping();
    YamlNodes.put(root, "apiVersion", YamlNodes.scalar("v1"));
    YamlNodes.put(root, "kind", YamlNodes.scalar("Config"));
    return root;
  }

  /** Parses to nodes only: no Constructor/Representer (java.beans, logging) to start. */
  private static Node compose(Reader reader) {
    LoaderOptions options = new LoaderOptions();
    options.setProcessComments(true);
    options.setAllowDuplicateKeys(false);
    return new Composer(new ParserImpl(new StreamReader(reader), options), new Resolver(), options)
        .getSingleNode();
  }

  public Path path() {
    return path;
  }

  public boolean exists() {
    return exists;
  }

  boolean modified() {
    return modified;
  }

  public String currentContext() {
    String name = YamlNodes.string(root, "current-context");
    return name == null || name.isEmpty() ? null : name;
  }

  void setCurrentContext(String name) {
    YamlNodes.putString(root, "current-context", name);
    modified = true;
  }

  /** The body ({@code cluster:}, {@code context:} or {@code user:}) of a named entry, or null. */
  MappingNode body(NamedKind kind, String name) {
    MappingNode entry = entry(kind, name);
    Node body = entry == null ? null : YamlNodes.get(entry, kind.body);
    return body instanceof MappingNode m ? m : (entry == null ? null : YamlNodes.emptyMapping());
  }

  boolean has(NamedKind kind, String name) {
    return entry(kind, name) != null;
  }

  private MappingNode entry(NamedKind kind, String name) {
    if (YamlNodes.get(root, kind.list) instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        if (name.equals(YamlNodes.string(item, "name"))) {
          return (MappingNode) item;
        }
      }
    }
    return null;
  }

  /** Replaces the body of a named entry (keeping the entry's position) or appends a new entry. */
  void putBody(NamedKind kind, String name, MappingNode body) {
    MappingNode entry = entry(kind, name);
    if (entry == null) {
      entry = YamlNodes.emptyMapping();
      YamlNodes.put(entry, "name", YamlNodes.scalar(name));
      list(kind).getValue().add(entry);
    }
    YamlNodes.put(entry, kind.body, body);
    modified = true;
  }

  private SequenceNode list(NamedKind kind) {
    if (YamlNodes.get(root, kind.list) instanceof SequenceNode seq) {
      return seq;
    }
    SequenceNode seq = YamlNodes.emptySequence();
    YamlNodes.put(root, kind.list, seq);
    return seq;
  }

  /** Fails unless {@link #save} can replace the file (a file without write permission is kept). */
  void checkWritable() {
    Path target = realTarget();
    Path dir = target.toAbsolutePath().getParent();
    if (Files.exists(target) && !KubeconfigWriter.writable(target)) {
      throw new CliException("cannot write kubeconfig " + path + ": the file is not writable");
    }
    if (dir != null && Files.exists(dir) && !Files.isWritable(dir)) {
      throw new CliException("cannot write kubeconfig " + path + ": " + dir + " is not writable");
    }
  }

  void save() {
    KubeconfigWriter.writeAtomically(realTarget(), KubeconfigWriter.serialize(root));
    modified = false;
  }

  /** The file a symbolic link points at: replacing it keeps the link. */
  private Path realTarget() {
    try {
      return Files.exists(path) ? path.toRealPath() : path.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For tests and diagnostics: the top-level keys, in order. */
  java.util.List<String> topLevelKeys() {
    return root.getValue().stream()
        .map(NodeTuple::getKeyNode)
        .map(k -> ((ScalarNode) k).getValue())
        .toList();
  }
}
