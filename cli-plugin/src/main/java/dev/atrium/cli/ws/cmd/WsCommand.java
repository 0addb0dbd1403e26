package dev.atrium.cli.ws.cmd;

import dev.atrium.cli.common.Cli;
import dev.atrium.cli.common.GlobalFlags;
import dev.atrium.cli.common.Specs;
import dev.atrium.cli.common.Version;
import dev.atrium.cli.ws.Session;
import dev.atrium.cli.ws.UseOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code kubectl ws [PATH]}: the command tree; each command only binds flags to its Options. */
public final class WsCommand {

  private WsCommand() {}

  public static CommandLine commandLine() {
    CommandSpec spec =
        Specs.command(
            "kubectl ws",
            WsCommand::run,
            "Show and switch Atrium workspaces, like cd for your kubeconfig.",
            "With PATH, the same as `use PATH`. With no PATH (or ~), go to the home workspace if",
            "ATRIUM_HOME_WORKSPACE is set, else print the current workspace.");
    spec.version("atrium kubectl plugins " + Version.get());
    spec.addOption(
        OptionSpec.builder("--version")
            .versionHelp(true)
            .description("Print the version and exit.")
            .build());
    spec.addPositional(Specs.positional("PATH", false, "Workspace to go to (see `use`)."));
    spec.addOption(Specs.output());
    GlobalFlags.declare(spec);
    Specs.examples(
        spec,
        "  kubectl ws .                    # print the current workspace",
        "  kubectl ws team-a               # enter the child workspace team-a",
        "  kubectl ws :root:org:team-a     # enter an absolute path",
        "  kubectl ws ..                   # go to the parent (..:.. for the grandparent)",
        "  kubectl ws -                    # go back to the previous workspace",
        "  kubectl ws :                    # go to the root workspace",
        "  kubectl ws tree --wide          # the workspaces below this one, with phases",
        "  kubectl ws create team-b --enter",
        "  kubectl ws create-context team-b-admin",
        "",
        "Switching rewrites the kubeconfig context 'workspace.atrium.dev/current' (server",
        "<base>/clusters/<path>) and keeps the one before as 'workspace.atrium.dev/previous'.",
        "Flags: --kubeconfig, --context, --cluster, --user, --server, --token,",
        "--certificate-authority, --insecure-skip-tls-verify, -v=N work before or after the command",
        "name; other kubectl flags (--cache-dir, --request-timeout, -n, ...) are accepted and ignored.");
    CommandLine line = new CommandLine(spec);
    line.addSubcommand(WsSubcommands.current());
    line.addSubcommand(WsSubcommands.use());
    line.addSubcommand(WsSubcommands.tree());
    line.addSubcommand(WsSubcommands.create());
    line.addSubcommand(WsSubcommands.createContext());
    line.addSubcommand(WsSubcommands.trainCds());
    return line;
  }

  private static int run(ParseResult command, GlobalFlags flags) {
    String output = command.matchedOptionValue("--output", null);
    new UseOptions(Session.system(flags), Specs.arg(command), output).complete().validate().run();
    return 0;
  }

  public static void main(String[] args) {
    Cli.exit(commandLine(), args);
  }
}
