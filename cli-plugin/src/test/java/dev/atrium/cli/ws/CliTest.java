package dev.atrium.cli.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.cli.atrium.AtriumCommand;
import dev.atrium.cli.common.Cli;
import dev.atrium.cli.ws.cmd.WsCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The entry points: exit codes, errors on stderr without stack traces, help with examples. */
class CliTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(CommandLine line, String... args) {
    return Cli.run(line, new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void errorsGoToStderrWithExitCodeOne() {
    Fixture f = new Fixture(dir);
    int code = run(WsCommand.commandLine(), "--kubeconfig", f.kubeconfig.toString(), "use", "..");
    assertEquals(1, code);
    assertEquals(
        "error: invalid workspace path \"..\": the root workspace has no parent\n", err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void flagsWorkAfterTheSubcommandToo() {
    Fixture f = new Fixture(dir);
    assertEquals(
        1,
        run(
            WsCommand.commandLine(),
            "use",
            "..",
            "--kubeconfig",
            f.kubeconfig.toString(),
            "--cache-dir",
            "/x"));
    assertTrue(err.toString().contains("no parent"), err.toString());
  }

  @Test
  void unknownFlagIsExitCodeOne() {
    assertEquals(1, run(WsCommand.commandLine(), "tree", "--bogus"));
    assertTrue(err.toString().startsWith("error: Unknown option: '--bogus'"), err.toString());
  }

  @Test
  void helpHasExamplesForEveryCommand() {
    for (String command : new String[] {"current", "use", "tree", "create", "create-context"}) {
      StringWriter help = new StringWriter();
      assertEquals(
          0,
          Cli.run(
              WsCommand.commandLine(),
              new PrintWriter(help),
              new PrintWriter(err),
              command,
              "--help"));
      assertTrue(help.toString().contains("Examples:"), command + ": " + help);
    }
    assertEquals(0, run(AtriumCommand.commandLine(), "--help"));
    assertTrue(out.toString().contains("version"), out.toString());
  }

  @Test
  void atriumClientVersionNeedsNoHub() {
    assertEquals(0, run(AtriumCommand.commandLine(), "version", "--client"));
  }
}
