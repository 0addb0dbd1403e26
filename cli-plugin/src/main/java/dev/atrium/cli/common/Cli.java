package dev.atrium.cli.common;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs a picocli command the kubectl way: errors as {@code error: ...} on stderr, exit 1. */
public final class Cli {

  private Cli() {}

  public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
    CommandLine line = new CommandLine(command);
    line.setOut(out);
    line.setErr(err);
    line.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof CliException) {
            cmd.getErr().println("error: " + e.getMessage());
          } else {
            cmd.getErr().println("error: " + e);
          }
          cmd.getErr().flush();
          return 1;
        });
    line.setParameterExceptionHandler(
        (e, args2) -> {
          CommandLine cmd = e.getCommandLine();
          cmd.getErr().println("error: " + e.getMessage());
          cmd.getErr()
              .println("See '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
          cmd.getErr().flush();
          return 1;
        });
    int code = line.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  public static void exit(Object command, String... args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(command, out, err, args));
  }
}
