package dev.atrium.cli.common;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Runs a picocli command the kubectl way: errors as {@code error: ...} on stderr, exit 1. */
public final class Cli {

  private Cli() {}

  public static int run(CommandLine line, PrintWriter out, PrintWriter err, String... args) {
    line.setOut(out);
    line.setErr(err);
    line.setExecutionStrategy(new Dispatch());
    line.setExecutionExceptionHandler(new ExecutionErrors());
    line.setParameterExceptionHandler(new UsageErrors());
    int code = line.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  public static void exit(CommandLine command, String... args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(command, out, err, args));
  }

  /** Help if asked for, else the {@link Specs.Handler} of the last subcommand given. */
  private static final class Dispatch implements IExecutionStrategy {
    @Override
    public int execute(ParseResult root) {
      Integer help = CommandLine.executeHelpRequest(root);
      if (help != null) {
        return help;
      }
      ParseResult last = root;
      while (last.hasSubcommand()) {
        last = last.subcommand();
      }
      Specs.Handler handler = (Specs.Handler) last.commandSpec().userObject();
      try {
        return handler.run(last, GlobalFlags.from(root));
      } catch (RuntimeException e) {
        // picocli hands only ExecutionExceptions to the execution exception handler
        throw new ExecutionException(
            last.commandSpec().commandLine(), String.valueOf(e.getMessage()), e);
      }
    }
  }

  /** A failed command: its message, exit 1. (Named classes, not lambdas: see the launcher.) */
  private static final class ExecutionErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
      cmd.getErr().println("error: " + (e instanceof CliException ? e.getMessage() : e.toString()));
      cmd.getErr().flush();
      return 1;
    }
  }

  /** Bad flags or arguments: the problem and where to find usage, exit 1. */
  private static final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println("error: " + e.getMessage());
      cmd.getErr().println("See '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
      cmd.getErr().flush();
      return 1;
    }
  }
}
