package dev.atrium.cli.atrium;

import dev.atrium.cli.common.Cli;
import dev.atrium.cli.common.GlobalFlags;
import dev.atrium.cli.common.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kubectl atrium}: hub-level commands (cluster registration and API binding will live here).
 */
@Command(
    name = "kubectl atrium",
    mixinStandardHelpOptions = true,
    versionProvider = Version.Provider.class,
    description = "Manage an Atrium hub. Workspaces are handled by `kubectl ws`.",
    subcommands = {VersionCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl atrium version", "  kubectl atrium version --client -o json"})
public class AtriumCommand implements Runnable {

  @Mixin GlobalFlags flags = new GlobalFlags();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    Cli.exit(new AtriumCommand(), args);
  }
}
