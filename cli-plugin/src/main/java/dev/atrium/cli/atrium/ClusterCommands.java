package dev.atrium.cli.atrium;

import dev.atrium.cli.cluster.DeregisterOptions;
import dev.atrium.cli.cluster.ListOptions;
import dev.atrium.cli.cluster.RegisterOptions;
import dev.atrium.cli.common.CliException;
import dev.atrium.cli.common.GlobalFlags;
import dev.atrium.cli.common.Specs;
import dev.atrium.cli.ws.Session;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code kubectl atrium cluster register|list|deregister}: physical clusters (SyncTargets). */
final class ClusterCommands {

  private ClusterCommands() {}

  static CommandLine cluster() {
    CommandSpec spec =
        Specs.command(
            "cluster",
            ClusterCommands::usage,
            "Register physical clusters with the current workspace, list them, deregister them.");
    Specs.examples(
        spec,
        "  kubectl atrium cluster register pc1 --labels region=eu -o agent.yaml",
        "  kubectl --kubeconfig=physical.kubeconfig apply -f agent.yaml",
        "  kubectl atrium cluster list",
        "  kubectl atrium cluster deregister pc1 --wait");
    CommandLine line = new CommandLine(spec);
    line.addSubcommand(register());
    line.addSubcommand(list());
    line.addSubcommand(deregister());
    line.addSubcommand(status());
    return line;
  }

  /** The NAME argument; picocli's builder does not enforce a positional's arity by itself. */
  private static String name(ParseResult c) {
    String name = Specs.arg(c);
    if (name == null) {
      throw new CliException(
          "NAME is required: kubectl atrium cluster " + c.commandSpec().name() + " NAME");
    }
    return name;
  }

  private static int usage(ParseResult command, GlobalFlags flags) {
    command.commandSpec().commandLine().usage(command.commandSpec().commandLine().getOut());
    return 0;
  }

  static CommandSpec register() {
    CommandSpec spec =
        Specs.command(
            "register",
            ClusterCommands::register,
            "Register a physical cluster with the current workspace: create the SyncTarget NAME,",
            "the agent's ServiceAccount default/atrium-syncer-NAME and a token for it (one year),",
            "and render the manifest that installs the sync agent on the physical cluster",
            "(namespace atrium-system, RBAC, the hub kubeconfig Secret, the agent Deployment).",
            "Running it again for an existing target renders a new manifest (with a new token).");
    spec.addPositional(Specs.positional("NAME", true, "Name of the SyncTarget."));
    spec.addOption(
        Specs.option(
            "--labels",
            "K=V,...",
            "Labels of the SyncTarget (Placements select targets by them). On an existing target"
                + " they replace its labels."));
    spec.addOption(
        OptionSpec.builder("-o", "--output")
            .paramLabel("FILE")
            .type(String.class)
            .description("Write the manifest to FILE (mode 0600) instead of stdout.")
            .build());
    spec.addOption(
        Specs.option(
            "--agent-image",
            "IMAGE",
            "The agent image (default: $"
                + RegisterOptions.IMAGE_ENV
                + ", else "
                + RegisterOptions.DEFAULT_IMAGE_REPOSITORY
                + ":<plugin version>)."));
    spec.addOption(
        Specs.option(
            "--hub-url",
            "URL",
            "The hub's address as the physical cluster reaches it (default: scheme://host:port of"
                + " the kubeconfig's server)."));
    spec.addOption(
        Specs.option(
            "--custom-resource-groups",
            "G1,G2",
            "Let the agent manage custom resources of these API groups only (default: every group,"
                + " which grants write access to all APIs of the physical cluster)."));
    spec.addOption(
        Specs.flag(
            "--allow-rbac-escalation",
            "Grant the agent escalate and bind on Roles/ClusterRoles, so synced RBAC may grant"
                + " rights the agent itself lacks (makes the agent cluster-admin in effect)."));
    return Specs.examples(
        spec,
        "  kubectl atrium cluster register pc1 --labels region=eu,tier=gold -o agent.yaml",
        "  kubectl atrium cluster register pc1 --hub-url https://hub.example.com:6443 > agent.yaml",
        "  kubectl atrium cluster register pc1 --custom-resource-groups example.com,acme.io -o a.yaml",
        "  ATRIUM_AGENT_IMAGE=registry.local/sync-agent:1.0 kubectl atrium cluster register pc1 -o a.yaml");
  }

  private static int register(ParseResult c, GlobalFlags flags) {
    new RegisterOptions(
            Session.system(flags),
            name(c),
            c.matchedOptionValue("--labels", null),
            c.matchedOptionValue("--output", null),
            c.matchedOptionValue("--agent-image", null),
            c.matchedOptionValue("--hub-url", null),
            c.matchedOptionValue("--custom-resource-groups", null),
            c.matchedOptionValue("--allow-rbac-escalation", false))
        .complete()
        .validate()
        .run();
    return 0;
  }

  static CommandSpec list() {
    CommandSpec spec =
        Specs.command(
            "list",
            ClusterCommands::list,
            "List the physical clusters (SyncTargets) of the current workspace: readiness, age of",
            "the last heartbeat, agent version, number of synced objects and labels.");
    spec.aliases("ls");
    spec.addOption(
        OptionSpec.builder("-o", "--output")
            .paramLabel("FORMAT")
            .type(String.class)
            .description("Output format: json, yaml or name (default: a table).")
            .build());
    return Specs.examples(
        spec, "  kubectl atrium cluster list", "  kubectl atrium cluster list -o yaml");
  }

  private static int list(ParseResult c, GlobalFlags flags) {
    new ListOptions(Session.system(flags), c.matchedOptionValue("--output", null))
        .complete()
        .validate()
        .run();
    return 0;
  }

  static CommandSpec deregister() {
    CommandSpec spec =
        Specs.command(
            "deregister",
            ClusterCommands::deregister,
            "Deregister a physical cluster: delete its SyncTarget. The hub releases the objects",
            "synced to it, lets the agent delete its downstream copies and then deletes the agent's",
            "ServiceAccount (its token stops working). The agent's own objects on the physical",
            "cluster stay: remove them with kubectl delete -f <manifest> once it cleaned up.");
    spec.addPositional(Specs.positional("NAME", true, "Name of the SyncTarget."));
    spec.addOption(Specs.flag("--wait", "Wait until the SyncTarget is gone."));
    spec.addOption(
        OptionSpec.builder("--timeout")
            .paramLabel("SECONDS")
            .type(long.class)
            .defaultValue("120")
            .description("How long --wait waits (default: 120).")
            .build());
    return Specs.examples(
        spec,
        "  kubectl atrium cluster deregister pc1",
        "  kubectl atrium cluster deregister pc1 --wait --timeout 300");
  }

  private static int deregister(ParseResult c, GlobalFlags flags) {
    long timeout = c.matchedOptionValue("--timeout", 120L);
    new DeregisterOptions(
            Session.system(flags),
            name(c),
            c.matchedOptionValue("--wait", false),
            Duration.ofSeconds(timeout))
        .complete()
        .validate()
        .run();
    return 0;
  }

  static CommandSpec status() {
    CommandSpec spec =
        Specs.command(
            "status",
            ClusterCommands::status,
            "Show an object's status on each physical cluster it is synced to, and the aggregate",
            "its status field holds (replicas summed, conditions combined). -n names the namespace",
            "(default: default).");
    spec.addPositional(
        Specs.positional("TYPE/NAME", true, "e.g. deployment/web, widgets.example.com/w1"));
    spec.addOption(Specs.output());
    return Specs.examples(
        spec,
        "  kubectl atrium cluster status deployment/web -n app",
        "  kubectl atrium cluster status deploy/web -n app -o yaml");
  }

  private static int status(ParseResult c, GlobalFlags flags) {
    new dev.atrium.cli.cluster.StatusOptions(
            Session.system(flags),
            Specs.arg(c),
            c.matchedOptionValue("--namespace", null),
            c.matchedOptionValue("-o", null))
        .complete()
        .run();
    return 0;
  }
}
