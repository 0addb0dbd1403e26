package dev.atrium.cli.ws.cmd;

import dev.atrium.cli.ws.Session;
import dev.atrium.cli.ws.UseOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "use",
    aliases = "cd",
    mixinStandardHelpOptions = true,
    description = {
      "Switch to a workspace. It must exist and be open to you: the kubeconfig is left",
      "untouched otherwise.",
      "PATH: a child name or relative path (a, a:b), an absolute path (:root:a:b), ':' for the",
      "root, '..' for the parent (..:.. and ..:sibling work too), '-' for the previous",
      "workspace, '~' for the home workspace (ATRIUM_HOME_WORKSPACE)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl ws use team-a",
      "  kubectl ws cd :root:org",
      "  kubectl ws use ..:team-b",
      "  kubectl ws use -",
      "  kubectl ws use team-a -o name   # prints root:org:team-a"
    })
class UseCommand implements Callable<Integer> {

  @ParentCommand WsCommand parent;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Workspace to go to.")
  String path;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "json, yaml or name.")
  String output;

  @Override
  public Integer call() {
    new UseOptions(Session.system(parent.flags), path, output).complete().validate().run();
    return 0;
  }
}
