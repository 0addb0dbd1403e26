package dev.atrium.cli.kubeconfig;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Small operations on a composed YAML tree. Editing the node tree (not maps) is what keeps unknown
 * fields, key order, quoting and comments of a kubeconfig as they were.
 */
final class YamlNodes {

  private YamlNodes() {}

  static Node get(Node mapping, String key) {
    if (!(mapping instanceof MappingNode m)) {
      return null;
    }
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return t.getValueNode();
      }
    }
    return null;
  }

  static String string(Node mapping, String key) {
    Node value = get(mapping, key);
    if (value instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
      return s.getValue();
    }
    return null;
  }

  /** Sets {@code key}, replacing its value in place (keeping the key's comments) or appending. */
  static void put(MappingNode mapping, String key, Node value) {
    List<NodeTuple> tuples = mapping.getValue();
    for (int i = 0; i < tuples.size(); i++) {
      if (tuples.get(i).getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        tuples.set(i, new NodeTuple(k, value));
        return;
      }
    }
    tuples.add(new NodeTuple(scalar(key), value));
  }

  static void putString(MappingNode mapping, String key, String value) {
    Node old = get(mapping, key);
    ScalarNode node = scalar(value);
    if (old instanceof ScalarNode s && s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
      node = new ScalarNode(Tag.STR, value, null, null, s.getScalarStyle());
    }
    put(mapping, key, node);
  }

  static void remove(MappingNode mapping, String key) {
    mapping
        .getValue()
        .removeIf(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key));
  }

  static ScalarNode scalar(String value) {
    return new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN);
  }

  static MappingNode emptyMapping() {
    return new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
  }

  static SequenceNode emptySequence() {
    return new SequenceNode(Tag.SEQ, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
  }

  /** A deep copy without comments (the copy is a new entry; its source's comments stay there). */
  static Node copy(Node node) {
    if (node instanceof ScalarNode s) {
      return new ScalarNode(s.getTag(), s.getValue(), null, null, s.getScalarStyle());
    }
    if (node instanceof SequenceNode s) {
      List<Node> items = new ArrayList<>();
      s.getValue().forEach(n -> items.add(copy(n)));
      return new SequenceNode(s.getTag(), items, s.getFlowStyle());
    }
    MappingNode m = (MappingNode) node;
    List<NodeTuple> tuples = new ArrayList<>();
    m.getValue()
        .forEach(t -> tuples.add(new NodeTuple(copy(t.getKeyNode()), copy(t.getValueNode()))));
    return new MappingNode(m.getTag(), tuples, m.getFlowStyle());
  }
}
