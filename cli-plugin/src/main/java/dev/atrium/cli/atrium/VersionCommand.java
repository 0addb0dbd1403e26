package dev.atrium.cli.atrium;

import dev.atrium.cli.ws.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print the plugin version and the hub's version.",
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl atrium version", "  kubectl atrium version --client"})
class VersionCommand implements Callable<Integer> {

  @ParentCommand AtriumCommand parent;

  @Option(names = "--client", description = "Only the plugin's version (no request).")
  boolean clientOnly;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "json or yaml.")
  String output;

  @Override
  public Integer call() {
    new VersionOptions(Session.system(parent.flags), clientOnly, output)
        .complete()
        .validate()
        .run();
    return 0;
  }
}
