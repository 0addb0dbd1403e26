package dev.atrium.cli.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.cli.common.CliException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

  @TempDir Path dir;

  @Test
  void currentReadsOnlyTheKubeconfig() {
    Fixture f = new Fixture(dir);
    new CurrentOptions(f.session(), false, null).complete().validate().run();
    new CurrentOptions(f.session(), true, null).complete().validate().run();
    assertEquals("Current workspace is 'root'.\nroot\n", f.out());
    assertEquals(0, f.hub.requests());
  }

  @Test
  void currentAsJson() {
    Fixture f = new Fixture(dir);
    new CurrentOptions(f.session(), false, "json").complete().validate().run();
    assertTrue(f.out().contains("\"workspace\" : \"root\""), f.out());
    assertTrue(
        f.out().contains("\"server\" : \"https://hub.example:6443/clusters/root\""), f.out());
  }

  @Test
  void unknownOutputFormatIsAnError() {
    Fixture f = new Fixture(dir);
    assertThrows(
        CliException.class, () -> new CurrentOptions(f.session(), false, "wide").complete());
  }

  @Test
  void createWaitsForReadyAndEnters() {
    Fixture f = new Fixture(dir);
    new CreateOptions(f.session(), "team", null, true, false, Duration.ofSeconds(5), null)
        .complete()
        .validate()
        .run();
    assertEquals(
        "Workspace \"team\" (type universal) created. Waiting for it to be ready...\n"
            + "Workspace \"team\" (type universal) is ready to use.\n"
            + "Current workspace is 'root:team'.\n",
        f.out());
    assertTrue(f.text().contains("server: https://hub.example:6443/clusters/root:team"), f.text());
  }

  @Test
  void createOfAnExistingWorkspaceFailsUnlessIgnored() {
    Fixture f = new Fixture(dir);
    f.hub.withWorkspace("root:team", "Ready");
    CliException e =
        assertThrows(
            CliException.class,
            () ->
                new CreateOptions(
                        f.session(), "team", null, false, false, Duration.ofSeconds(5), null)
                    .complete()
                    .validate()
                    .run());
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    new CreateOptions(f.session(), "team", null, false, true, Duration.ofSeconds(5), null)
        .complete()
        .validate()
        .run();
    assertTrue(f.out().contains("Workspace \"team\" (type universal) already exists."), f.out());
    assertThrows(
        CliException.class,
        () ->
            new CreateOptions(
                    f.session(), "team", "other", false, true, Duration.ofSeconds(5), null)
                .complete()
                .validate()
                .run());
  }

  @Test
  void createRejectsBadNames() {
    Fixture f = new Fixture(dir);
    assertThrows(
        CliException.class,
        () ->
            new CreateOptions(
                    f.session(), "Bad_Name", null, false, false, Duration.ofSeconds(5), null)
                .complete()
                .validate());
  }

  @Test
  void treeDrawsTheHierarchy() {
    Fixture f = new Fixture(dir);
    f.hub
        .withWorkspace("root:a", "Ready")
        .withWorkspace("root:a:x", "Ready")
        .withWorkspace("root:b", "Initializing");
    new TreeOptions(f.session(), false, false, null).complete().validate().run();
    assertEquals("root\n├── a\n│   └── x\n└── b\n", f.out());
  }

  @Test
  void treeFullAndWide() {
    Fixture f = new Fixture(dir);
    f.hub.withWorkspace("root:a", "Ready");
    new TreeOptions(f.session(), true, true, null).complete().validate().run();
    assertEquals("root\n└── root:a (universal, Ready)\n", f.out());
  }

  @Test
  void createContextNamesTheWorkspaceAndRefusesToOverwrite() {
    Fixture f = new Fixture(dir);
    new CreateContextOptions(f.session(), null, false).complete().validate().run();
    assertTrue(f.text().contains("current-context: root"), f.text());
    assertTrue(
        f.text().contains("- name: root\n  context:\n    cluster: root\n    user: admin"),
        f.text());
    CliException e =
        assertThrows(
            CliException.class,
            () -> new CreateContextOptions(f.session(), "root", false).complete().validate().run());
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
    new CreateContextOptions(f.session(), "root", true).complete().validate().run();
  }
}
