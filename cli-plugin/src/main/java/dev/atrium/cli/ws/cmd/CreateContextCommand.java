package dev.atrium.cli.ws.cmd;

import dev.atrium.cli.ws.CreateContextOptions;
import dev.atrium.cli.ws.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "create-context",
    mixinStandardHelpOptions = true,
    description =
        "Create a kubeconfig context (and cluster) for the current workspace and switch to it.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl ws create-context               # named after the workspace path, e.g. root:org",
      "  kubectl ws create-context org-admin",
      "  kubectl ws create-context org-admin --overwrite"
    })
class CreateContextCommand implements Callable<Integer> {

  @ParentCommand WsCommand parent;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NAME",
      description = "Context name (default: the workspace path).")
  String name;

  @Option(names = "--overwrite", description = "Replace a context of that name.")
  boolean overwrite;

  @Override
  public Integer call() {
    new CreateContextOptions(Session.system(parent.flags), name, overwrite)
        .complete()
        .validate()
        .run();
    return 0;
  }
}
