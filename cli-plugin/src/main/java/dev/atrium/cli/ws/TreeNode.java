package dev.atrium.cli.ws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One workspace of {@code ws tree}; {@code note} says why its children are unknown, if they are.
 */
record TreeNode(String path, String type, String phase, List<TreeNode> children, String note) {

  String name() {
    return path.substring(path.lastIndexOf(':') + 1);
  }

  Map<String, Object> document() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", name());
    doc.put("path", path);
    if (type != null) {
      doc.put("type", type);
    }
    if (phase != null) {
      doc.put("phase", phase);
    }
    List<Object> kids = new ArrayList<>();
    children.forEach(c -> kids.add(c.document()));
    doc.put("children", kids);
    return doc;
  }

  /** Box-drawing lines as kcp and HNC print them. */
  void render(
      StringBuilder out, String indent, boolean last, boolean top, boolean full, boolean wide) {
    String label = full ? path : name();
    if (wide && phase != null) {
      label += " (" + type + ", " + phase + ")";
    }
    if (note != null) {
      label += " [" + note + "]";
    }
    out.append(top ? "" : indent + (last ? "└── " : "├── ")).append(label).append('\n');
    String childIndent = top ? "" : indent + (last ? "    " : "│   ");
    for (int i = 0; i < children.size(); i++) {
      children.get(i).render(out, childIndent, i == children.size() - 1, false, full, wide);
    }
  }
}
