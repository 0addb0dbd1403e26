package dev.atrium.cli.atrium;

import dev.atrium.cli.apis.BindOptions;
import dev.atrium.cli.common.GlobalFlags;
import dev.atrium.cli.common.Specs;
import dev.atrium.cli.ws.Session;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code kubectl atrium bind apiexport PATH:NAME}: use an API another workspace exports. */
final class BindCommands {

  private BindCommands() {}

  static CommandLine bind() {
    CommandSpec spec =
        Specs.command("bind", BindCommands::usage, "Bind APIs exported by other workspaces.");
    CommandLine line = new CommandLine(spec);
    line.addSubcommand(apiexport());
    return line;
  }

  private static int usage(ParseResult command, GlobalFlags flags) {
    command.commandSpec().commandLine().usage(command.commandSpec().commandLine().getOut());
    return 0;
  }

  static CommandSpec apiexport() {
    CommandSpec spec =
        Specs.command(
            "apiexport",
            BindCommands::apiexport,
            "Create an APIBinding in the current workspace for the APIExport NAME of workspace",
            "PATH and wait until it is Bound. Needs the verb bind on apiexports/NAME in PATH.");
    spec.addPositional(
        Specs.positional("PATH:NAME", true, "The export, e.g. root:providers:widgets."));
    spec.addOption(
        Specs.option("--name", "N", "Name of the APIBinding (default: the export's name)."));
    spec.addOption(
        OptionSpec.builder("--timeout")
            .paramLabel("SECONDS")
            .type(long.class)
            .defaultValue("30")
            .description("How long to wait for Bound (default: 30).")
            .build());
    return Specs.examples(
        spec,
        "  kubectl atrium bind apiexport root:providers:widgets",
        "  kubectl atrium bind apiexport root:providers:widgets --name my-widgets");
  }

  private static int apiexport(ParseResult c, GlobalFlags flags) {
    long timeout = c.matchedOptionValue("--timeout", 30L);
    new BindOptions(
            Session.system(flags),
            Specs.arg(c),
            c.matchedOptionValue("--name", null),
            Duration.ofSeconds(timeout))
        .complete()
        .validate()
        .run();
    return 0;
  }
}
