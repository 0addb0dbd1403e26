package dev.atrium.cli.ws.cmd;

import dev.atrium.cli.ws.CurrentOptions;
import dev.atrium.cli.ws.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "current",
    aliases = ".",
    mixinStandardHelpOptions = true,
    description = "Print the current workspace (read from the kubeconfig; no request is made).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl ws .            # Current workspace is 'root:org'.",
      "  kubectl ws current --short   # root:org",
      "  kubectl ws . -o json"
    })
class CurrentCommand implements Callable<Integer> {

  @ParentCommand WsCommand parent;

  @Option(names = "--short", description = "Print only the workspace path.")
  boolean shortOutput;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "json, yaml or name.")
  String output;

  @Override
  public Integer call() {
    new CurrentOptions(Session.system(parent.flags), shortOutput, output)
        .complete()
        .validate()
        .run();
    return 0;
  }
}
