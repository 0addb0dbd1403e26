package dev.atrium.cli.common;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * Builds commands with picocli's programmatic API. Annotations would cost start-up time: every
 * annotation type read by reflection needs a dynamic proxy class, which no CDS archive holds.
 */
public final class Specs {

  /** What a command does with its parsed arguments; returns the exit code. */
  public interface Handler {
    int run(ParseResult command, GlobalFlags flags);
  }

  private Specs() {}

  public static CommandSpec command(String name, Handler handler, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(handler);
    spec.name(name);
    spec.usageMessage().description(String.join(" ", description));
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    return spec;
  }

  public static CommandSpec examples(CommandSpec spec, String... lines) {
    spec.usageMessage().footerHeading("%nExamples:%n").footer(lines);
    return spec;
  }

  public static OptionSpec flag(String name, String description) {
    return OptionSpec.builder(name).type(boolean.class).description(description).build();
  }

  public static OptionSpec option(String name, String label, String description) {
    return OptionSpec.builder(name)
        .paramLabel(label)
        .type(String.class)
        .description(description)
        .build();
  }

  public static OptionSpec output() {
    return OptionSpec.builder("-o", "--output")
        .paramLabel("FORMAT")
        .type(String.class)
        .description("Output format: json, yaml or name.")
        .build();
  }

  public static PositionalParamSpec positional(String label, boolean required, String description) {
    return PositionalParamSpec.builder()
        .index("0")
        .arity(required ? "1" : "0..1")
        .paramLabel(label)
        .type(String.class)
        .description(description)
        .build();
  }

  public static String arg(ParseResult command) {
    return command.hasMatchedPositional(0) ? command.matchedPositionalValue(0, null) : null;
  }
}
