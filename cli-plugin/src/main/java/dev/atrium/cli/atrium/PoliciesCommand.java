package dev.atrium.cli.atrium;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.cli.common.GlobalFlags;
import dev.atrium.cli.common.OutputFormat;
import dev.atrium.cli.common.Printer;
import dev.atrium.cli.common.Specs;
import dev.atrium.cli.hub.HubClient;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.cli.ws.KubeContext;
import dev.atrium.cli.ws.Session;
import dev.atrium.cli.ws.WorkspaceApi;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code kubectl atrium policies}: what the current workspace inherits by propagation (the copies
 * labelled {@code policy.atrium.dev/origin}) and from which workspace, plus the conflicts reported
 * there (Events with reason {@code PropagationConflict}).
 */
public final class PoliciesCommand {

  static final String ORIGIN = "policy.atrium.dev/origin";

  /** A kind that propagates, and where to list it in a workspace. */
  record Kind(String kind, String listPath) {}

  static final List<Kind> KINDS =
      List.of(
          new Kind("ClusterRole", "/apis/rbac.authorization.k8s.io/v1/clusterroles"),
          new Kind("ClusterRoleBinding", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings"),
          new Kind(
              "CustomResourceDefinition",
              "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"),
          new Kind("LimitRange", "/api/v1/limitranges"),
          new Kind("ResourceQuota", "/api/v1/resourcequotas"),
          new Kind("NetworkPolicy", "/apis/networking.k8s.io/v1/networkpolicies"),
          new Kind("ConfigMap", "/api/v1/configmaps"),
          new Kind("Secret", "/api/v1/secrets"));

  /** One inherited object. */
  record Inherited(String kind, String namespace, String name, String from) {}

  private PoliciesCommand() {}

  public static CommandSpec spec() {
    CommandSpec spec =
        Specs.command(
            "policies",
            PoliciesCommand::run,
            "Show the policies this workspace inherits from its ancestors (propagated with the"
                + " label policy.atrium.dev/propagate), where each comes from, and conflicts.");
    spec.addOption(Specs.output());
    return Specs.examples(spec, "  kubectl atrium policies", "  kubectl atrium policies -o yaml");
  }

  private static int run(ParseResult c, GlobalFlags flags) {
    Session session = Session.system(flags);
    OutputFormat format = OutputFormat.parse(c.matchedOptionValue("--output", null));
    KubeContext current = session.current();
    HubClient client = session.client(current);
    List<Inherited> inherited = new ArrayList<>();
    for (Kind kind : KINDS) {
      HubResponse r = client.get(current.url().url(kind.listPath()) + "?labelSelector=" + ORIGIN);
      if (r.code() == 404) {
        continue;
      }
      if (!r.ok()) {
        throw WorkspaceApi.failure(r);
      }
      for (JsonNode item : r.body().path("items")) {
        JsonNode meta = item.path("metadata");
        inherited.add(
            new Inherited(
                kind.kind(),
                meta.path("namespace").asText(""),
                meta.path("name").asText(),
                sourcePath(meta.path("labels").path(ORIGIN).asText())));
      }
    }
    List<String> conflicts = new ArrayList<>();
    HubResponse events = client.get(current.url().url("/api/v1/events"));
    if (events.ok()) {
      for (JsonNode e : events.body().path("items")) {
        if ("PropagationConflict".equals(e.path("reason").asText())) {
          conflicts.add(e.path("message").asText());
        }
      }
    }
    print(session.streams().out(), format, current.url().path().value(), inherited, conflicts);
    return 0;
  }

  /** The origin label names the source workspace with ':' written as '_'. */
  static String sourcePath(String origin) {
    return origin.replace('_', ':');
  }

  static void print(
      PrintStream out,
      OutputFormat format,
      String workspace,
      List<Inherited> inherited,
      List<String> conflicts) {
    switch (format) {
      case JSON, YAML -> {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("workspace", workspace);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Inherited i : inherited) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("kind", i.kind());
          if (!i.namespace().isEmpty()) {
            item.put("namespace", i.namespace());
          }
          item.put("name", i.name());
          item.put("from", i.from());
          items.add(item);
        }
        doc.put("inherited", items);
        doc.put("conflicts", conflicts);
        Printer.print(out, format, doc);
      }
      case NAME -> inherited.forEach(i -> out.println(i.kind().toLowerCase() + "/" + i.name()));
      default -> {
        if (inherited.isEmpty()) {
          out.println("Workspace \"" + workspace + "\" inherits no policies.");
        } else {
          int kindWidth = "KIND".length();
          int nsWidth = "NAMESPACE".length();
          int nameWidth = "NAME".length();
          for (Inherited i : inherited) {
            kindWidth = Math.max(kindWidth, i.kind().length());
            nsWidth = Math.max(nsWidth, i.namespace().length());
            nameWidth = Math.max(nameWidth, i.name().length());
          }
          String row = "%-" + kindWidth + "s   %-" + nsWidth + "s   %-" + nameWidth + "s   %s%n";
          out.printf(row, "KIND", "NAMESPACE", "NAME", "FROM");
          for (Inherited i : inherited) {
            out.printf(row, i.kind(), i.namespace(), i.name(), i.from());
          }
        }
        if (!conflicts.isEmpty()) {
          out.println();
          out.println("Conflicts (this workspace's own objects in the way of inherited ones):");
          conflicts.forEach(m -> out.println("  " + m));
        }
      }
    }
  }
}
