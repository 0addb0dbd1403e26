package dev.atrium.cli.ws.cmd;

import dev.atrium.cli.cds.Training;
import dev.atrium.cli.common.GlobalFlags;
import dev.atrium.cli.common.Specs;
import dev.atrium.cli.ws.CreateContextOptions;
import dev.atrium.cli.ws.CreateOptions;
import dev.atrium.cli.ws.CurrentOptions;
import dev.atrium.cli.ws.Session;
import dev.atrium.cli.ws.TreeOptions;
import dev.atrium.cli.ws.UseOptions;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The subcommands of {@code kubectl ws}: flags, help and examples, bound to the Options. */
final class WsSubcommands {

  private WsSubcommands() {}

  static CommandSpec current() {
    CommandSpec spec =
        Specs.command(
            "current",
            WsSubcommands::current,
            "Print the current workspace (read from the kubeconfig; no request).");
    spec.aliases(".");
    spec.addOption(Specs.flag("--short", "Print only the workspace path."));
    spec.addOption(Specs.output());
    return Specs.examples(
        spec,
        "  kubectl ws .                  # Current workspace is 'root:org'.",
        "  kubectl ws current --short    # root:org",
        "  kubectl ws . -o json");
  }

  private static int current(ParseResult c, GlobalFlags flags) {
    boolean shortOutput = c.matchedOptionValue("--short", false);
    new CurrentOptions(Session.system(flags), shortOutput, c.matchedOptionValue("--output", null))
        .complete()
        .validate()
        .run();
    return 0;
  }

  static CommandSpec use() {
    CommandSpec spec =
        Specs.command(
            "use",
            WsSubcommands::use,
            "Switch to a workspace. It must exist and be open to you: the kubeconfig is left",
            "untouched otherwise.",
            "PATH: a child name or relative path (a, a:b), an absolute path (:root:a:b), ':' for the",
            "root, '..' for the parent (..:.. and ..:sibling work too), '-' for the previous",
            "workspace, '~' for the home workspace (ATRIUM_HOME_WORKSPACE).");
    spec.aliases("cd");
    spec.addPositional(Specs.positional("PATH", false, "Workspace to go to."));
    spec.addOption(Specs.output());
    return Specs.examples(
        spec,
        "  kubectl ws use team-a",
        "  kubectl ws cd :root:org",
        "  kubectl ws use ..:team-b",
        "  kubectl ws use -",
        "  kubectl ws use team-a -o name   # prints root:org:team-a");
  }

  private static int use(ParseResult c, GlobalFlags flags) {
    new UseOptions(Session.system(flags), Specs.arg(c), c.matchedOptionValue("--output", null))
        .complete()
        .validate()
        .run();
    return 0;
  }

  static CommandSpec tree() {
    CommandSpec spec =
        Specs.command(
            "tree",
            WsSubcommands::tree,
            "Print the current workspace and the workspaces below it.");
    spec.addOption(Specs.flag("--full", "Show full workspace paths."));
    spec.addOption(Specs.flag("--wide", "Show each workspace's type and phase."));
    spec.addOption(Specs.output());
    return Specs.examples(
        spec,
        "  kubectl ws tree",
        "  kubectl ws tree --full --wide   # full paths, type and phase",
        "  kubectl ws tree -o json");
  }

  private static int tree(ParseResult c, GlobalFlags flags) {
    boolean full = c.matchedOptionValue("--full", false);
    boolean wide = c.matchedOptionValue("--wide", false);
    new TreeOptions(Session.system(flags), full, wide, c.matchedOptionValue("--output", null))
        .complete()
        .validate()
        .run();
    return 0;
  }

  static CommandSpec create() {
    CommandSpec spec =
        Specs.command(
            "create",
            WsSubcommands::create,
            "Create a workspace in the current one and wait until it is Ready.");
    spec.addPositional(Specs.positional("NAME", true, "Name of the new workspace."));
    spec.addOption(Specs.option("--type", "TYPE", "Workspace type (default: universal)."));
    spec.addOption(Specs.flag("--enter", "Switch to the workspace once it is ready."));
    spec.addOption(Specs.flag("--ignore-existing", "Do not fail if the workspace exists already."));
    spec.addOption(
        OptionSpec.builder("--timeout")
            .paramLabel("SECONDS")
            .type(long.class)
            .defaultValue("120")
            .description("How long to wait for Ready (default: 120).")
            .build());
    spec.addOption(Specs.output());
    return Specs.examples(
        spec,
        "  kubectl ws create team-a",
        "  kubectl ws create team-a --type universal --enter",
        "  kubectl ws create team-a --ignore-existing   # succeed if it is already there",
        "  kubectl ws create team-a -o yaml");
  }

  private static int create(ParseResult c, GlobalFlags flags) {
    long timeout = c.matchedOptionValue("--timeout", 120L);
    new CreateOptions(
            Session.system(flags),
            Specs.arg(c),
            c.matchedOptionValue("--type", null),
            c.matchedOptionValue("--enter", false),
            c.matchedOptionValue("--ignore-existing", false),
            Duration.ofSeconds(timeout),
            c.matchedOptionValue("--output", null))
        .complete()
        .validate()
        .run();
    return 0;
  }

  static CommandSpec createContext() {
    CommandSpec spec =
        Specs.command(
            "create-context",
            WsSubcommands::createContext,
            "Create a kubeconfig context (and cluster) for the current workspace and switch to it.");
    spec.addPositional(
        Specs.positional("NAME", false, "Context name (default: the workspace path)."));
    spec.addOption(Specs.flag("--overwrite", "Replace a context of that name."));
    return Specs.examples(
        spec,
        "  kubectl ws create-context               # named after the workspace path, e.g. root:org",
        "  kubectl ws create-context org-admin",
        "  kubectl ws create-context org-admin --overwrite");
  }

  private static int createContext(ParseResult c, GlobalFlags flags) {
    boolean overwrite = c.matchedOptionValue("--overwrite", false);
    new CreateContextOptions(Session.system(flags), Specs.arg(c), overwrite)
        .complete()
        .validate()
        .run();
    return 0;
  }

  /** Hidden: the launcher's AppCDS training run (see lib/launcher.sh). */
  static CommandSpec trainCds() {
    CommandSpec spec =
        Specs.command(
            "__train-cds", WsSubcommands::trainCds, "Train the class-data-sharing archive.");
    spec.usageMessage().hidden(true);
    return spec;
  }

  private static int trainCds(ParseResult c, GlobalFlags flags) {
    try {
      Training.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return 0;
  }
}
