package dev.atrium.cli.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.cli.common.OutputFormat;
import dev.atrium.cli.common.Printer;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.model.tenancy.Tenancy;
import java.util.ArrayList;
import java.util.List;

/** {@code kubectl ws tree}: the current workspace and everything below it that may be read. */
public final class TreeOptions {

  private final Session session;
  private final boolean full;
  private final boolean wide;
  private final String output;
  private OutputFormat format;
  private KubeContext current;
  private WorkspaceApi api;

  public TreeOptions(Session session, boolean full, boolean wide, String output) {
    this.session = session;
    this.full = full;
    this.wide = wide;
    this.output = output;
  }

  public TreeOptions complete() {
    format = OutputFormat.parse(output);
    current = session.current();
    api = new WorkspaceApi(session.client(current));
    return this;
  }

  public TreeOptions validate() {
    return this;
  }

  public void run() {
    HubResponse self = api.discovery(current.url());
    if (!self.ok()) {
      throw WorkspaceApi.failure(self);
    }
    TreeNode root = node(current.url(), null, null);
    switch (format) {
      case JSON, YAML -> Printer.print(session.streams().out(), format, root.document());
      case NAME -> printNames(root);
      default -> {
        StringBuilder text = new StringBuilder();
        root.render(text, "", true, true, full, wide);
        session.streams().out().print(text);
      }
    }
  }

  private TreeNode node(WorkspaceUrl url, String type, String phase) {
    if (phase != null && !phase.equals(Tenancy.PHASE_READY)) {
      return new TreeNode(url.path().value(), type, phase, List.of(), null);
    }
    HubResponse list = api.list(url);
    if (!list.ok()) {
      String note = list.code() == 403 ? "access denied" : "error " + list.code();
      return new TreeNode(url.path().value(), type, phase, List.of(), note);
    }
    List<TreeNode> children = new ArrayList<>();
    for (JsonNode item : list.body().path("items")) {
      String name = item.path("metadata").path("name").asText();
      children.add(
          node(url.at(url.path().child(name)), WorkspaceApi.type(item), WorkspaceApi.phase(item)));
    }
    return new TreeNode(url.path().value(), type, phase, children, null);
  }

  private void printNames(TreeNode node) {
    session.streams().out().println(node.path());
    node.children().forEach(this::printNames);
  }
}
