package dev.atrium.cli.ws.cmd;

import dev.atrium.cli.ws.Session;
import dev.atrium.cli.ws.TreeOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "tree",
    mixinStandardHelpOptions = true,
    description = "Print the current workspace and the workspaces below it.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl ws tree",
      "  kubectl ws tree --full --wide   # full paths, type and phase",
      "  kubectl ws tree -o json"
    })
class TreeCommand implements Callable<Integer> {

  @ParentCommand WsCommand parent;

  @Option(names = "--full", description = "Show full workspace paths.")
  boolean full;

  @Option(names = "--wide", description = "Show each workspace's type and phase.")
  boolean wide;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "json, yaml or name.")
  String output;

  @Override
  public Integer call() {
    new TreeOptions(Session.system(parent.flags), full, wide, output).complete().validate().run();
    return 0;
  }
}
