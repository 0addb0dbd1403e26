package dev.atrium.cli.ws.cmd;

import dev.atrium.cli.ws.CreateOptions;
import dev.atrium.cli.ws.Session;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create a workspace in the current one and wait until it is Ready.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl ws create team-a",
      "  kubectl ws create team-a --type universal --enter",
      "  kubectl ws create team-a --ignore-existing   # succeed if it is already there",
      "  kubectl ws create team-a -o yaml"
    })
class CreateCommand implements Callable<Integer> {

  @ParentCommand WsCommand parent;

  @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new workspace.")
  String name;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "Workspace type (default: the parent's default, universal).")
  String type;

  @Option(names = "--enter", description = "Switch to the workspace once it is ready.")
  boolean enter;

  @Option(names = "--ignore-existing", description = "Do not fail if the workspace exists already.")
  boolean ignoreExisting;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "How long to wait for Ready (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "json, yaml or name.")
  String output;

  @Override
  public Integer call() {
    new CreateOptions(
            Session.system(parent.flags),
            name,
            type,
            enter,
            ignoreExisting,
            Duration.ofSeconds(timeoutSeconds),
            output)
        .complete()
        .validate()
        .run();
    return 0;
  }
}
