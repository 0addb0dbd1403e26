package dev.atrium.cli.ws.cmd;

import dev.atrium.cli.common.GlobalFlags;
import dev.atrium.cli.common.Version;
import dev.atrium.cli.ws.Session;
import dev.atrium.cli.ws.UseOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubectl ws [PATH]}: binds flags only; the work is in the *Options classes. */
@Command(
    name = "kubectl ws",
    mixinStandardHelpOptions = true,
    versionProvider = Version.Provider.class,
    description = {
      "Show and switch Atrium workspaces, like cd for your kubeconfig.",
      "With PATH, the same as `use PATH`. With no PATH (or ~), go to the home workspace if",
      "ATRIUM_HOME_WORKSPACE is set, else print the current workspace."
    },
    subcommands = {
      CurrentCommand.class,
      UseCommand.class,
      TreeCommand.class,
      CreateCommand.class,
      CreateContextCommand.class,
      TrainCdsCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
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
      "<base>/clusters/<path>) and keeps the one before as 'workspace.atrium.dev/previous'."
    })
public class WsCommand implements Callable<Integer> {

  @Mixin GlobalFlags flags = new GlobalFlags();

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description = "Workspace to go to (see `use`).")
  String path;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "json, yaml or name.")
  String output;

  @Override
  public Integer call() {
    new UseOptions(Session.system(flags), path, output).complete().validate().run();
    return 0;
  }

  public static void main(String[] args) {
    dev.atrium.cli.common.Cli.exit(new WsCommand(), args);
  }
}
