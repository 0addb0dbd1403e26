package dev.atrium.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.cli.atrium.AtriumCommand;
import dev.atrium.cli.common.Cli;
import dev.atrium.cli.common.CliException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeregisterOptionsTest {

  @TempDir Path dir;

  private static void register(Setup s) {
    new RegisterOptions(
            s.session(), "pc1", null, s.dir.resolve("a.yaml").toString(), null, null, null, false)
        .complete()
        .validate()
        .run();
    s.clearOutput();
    s.hub.requests.clear();
  }

  @Test
  void deletesTheTarget() {
    Setup s = new Setup(dir);
    register(s);
    new DeregisterOptions(s.session(), "pc1", false, Duration.ofSeconds(5))
        .complete()
        .validate()
        .run();
    assertEquals("synctarget \"pc1\" deregistered\n", s.out());
    assertEquals(
        java.util.List.of(
            "DELETE /clusters/root:acme/apis/workload.atrium.dev/v1alpha1/synctargets/pc1"),
        s.hub.requests);
  }

  @Test
  void waitPollsUntilGone() {
    Setup s = new Setup(dir);
    register(s);
    s.hub.lingerAfterDelete = 3;
    new DeregisterOptions(s.session(), "pc1", true, Duration.ofSeconds(10))
        .complete()
        .validate()
        .run();
    assertEquals("synctarget \"pc1\" deregistered\n", s.out());
    assertTrue(s.err().startsWith("Waiting for the agent"), s.err());
    assertEquals(5, s.hub.requests.size(), s.hub.requests.toString());
    assertNull(s.hub.target("root:acme", "pc1"));
  }

  @Test
  void waitTimesOut() {
    Setup s = new Setup(dir);
    register(s);
    s.hub.lingerAfterDelete = 1_000_000;
    CliException e =
        assertThrows(
            CliException.class,
            () ->
                new DeregisterOptions(s.session(), "pc1", true, Duration.ofSeconds(1))
                    .complete()
                    .validate()
                    .run());
    assertTrue(
        e.getMessage().startsWith("synctarget \"pc1\" still exists after 1s"), e.getMessage());
  }

  @Test
  void unknownTargetAndForbiddenWorkspace() {
    Setup s = new Setup(dir);
    CliException e =
        assertThrows(
            CliException.class,
            () ->
                new DeregisterOptions(s.session(), "nope", false, Duration.ofSeconds(1))
                    .complete()
                    .validate()
                    .run());
    assertEquals("synctarget \"nope\" not found in workspace root:acme", e.getMessage());
    s.hub.forbidden.add("root:acme");
    e =
        assertThrows(
            CliException.class,
            () ->
                new DeregisterOptions(s.session(), "nope", false, Duration.ofSeconds(1))
                    .complete()
                    .validate()
                    .run());
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot deregister cluster \"nope\" in workspace root:acme: access denied"));
  }

  @Test
  void commandLineHelpAndErrors() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out);
    PrintWriter e = new PrintWriter(err);
    assertEquals(0, Cli.run(AtriumCommand.commandLine(), o, e, "cluster", "register", "--help"));
    assertTrue(out.toString().contains("--custom-resource-groups"), out.toString());
    assertTrue(out.toString().contains("Examples:"), out.toString());
    assertEquals(0, Cli.run(AtriumCommand.commandLine(), o, e, "cluster", "--help"));
    assertTrue(out.toString().contains("deregister"), out.toString());
    assertEquals(1, Cli.run(AtriumCommand.commandLine(), o, e, "cluster", "register"));
    assertTrue(
        err.toString().contains("error: NAME is required: kubectl atrium cluster register NAME"),
        err.toString());
    assertEquals(
        1,
        Cli.run(
            AtriumCommand.commandLine(),
            o,
            e,
            "cluster",
            "list",
            "--kubeconfig",
            dir.resolve("missing").toString()));
    assertTrue(err.toString().contains("error: "), err.toString());
  }
}
