package dev.atrium.cli.atrium;

import dev.atrium.cli.common.Cli;
import dev.atrium.cli.common.GlobalFlags;
import dev.atrium.cli.common.Specs;
import dev.atrium.cli.common.Version;
import dev.atrium.cli.ws.Session;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code kubectl atrium}: hub-level commands: version, cluster register|list|deregister (API
 * binding will live here too).
 */
public final class AtriumCommand {

  private AtriumCommand() {}

  public static CommandLine commandLine() {
    CommandSpec spec =
        Specs.command(
            "kubectl atrium",
            AtriumCommand::usage,
            "Manage an Atrium hub. Workspaces are handled by `kubectl ws`.");
    spec.version("atrium kubectl plugins " + Version.get());
    spec.addOption(
        OptionSpec.builder("--version")
            .versionHelp(true)
            .description("Print the version and exit.")
            .build());
    GlobalFlags.declare(spec);
    Specs.examples(
        spec,
        "  kubectl atrium version",
        "  kubectl atrium version --client -o json",
        "  kubectl atrium cluster register pc1 --labels region=eu -o agent.yaml",
        "  kubectl atrium cluster list",
        "  kubectl atrium cluster deregister pc1",
        "  kubectl atrium bind apiexport root:providers:widgets");
    CommandLine line = new CommandLine(spec);
    line.addSubcommand(version());
    line.addSubcommand(ClusterCommands.cluster());
    line.addSubcommand(BindCommands.bind());
    line.addSubcommand(PoliciesCommand.spec());
    return line;
  }

  private static int usage(ParseResult command, GlobalFlags flags) {
    command.commandSpec().commandLine().usage(command.commandSpec().commandLine().getOut());
    return 0;
  }

  static CommandSpec version() {
    CommandSpec spec =
        Specs.command(
            "version", AtriumCommand::version, "Print the plugin version and the hub's version.");
    spec.addOption(Specs.flag("--client", "Only the plugin's version (no request)."));
    spec.addOption(Specs.output());
    return Specs.examples(spec, "  kubectl atrium version", "  kubectl atrium version --client");
  }

  private static int version(ParseResult c, GlobalFlags flags) {
    boolean clientOnly = c.matchedOptionValue("--client", false);
    new VersionOptions(Session.system(flags), clientOnly, c.matchedOptionValue("--output", null))
        .complete()
        .validate()
        .run();
    return 0;
  }

  public static void main(String[] args) {
    Cli.exit(commandLine(), args);
  }
}
