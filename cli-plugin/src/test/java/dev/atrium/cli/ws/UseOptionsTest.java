package dev.atrium.cli.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.cli.common.CliException;
import dev.atrium.cli.kubeconfig.Kubeconfig;
import dev.atrium.cli.kubeconfig.NamedKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UseOptionsTest {

  @TempDir Path dir;

  private String server(Fixture f, String context) {
    Kubeconfig kc = Kubeconfig.load(null, f.kubeconfig.toString(), f.dir.toString());
    String cluster = kc.entry(NamedKind.CONTEXT, context).orElseThrow().string("cluster");
    return kc.entry(NamedKind.CLUSTER, cluster).orElseThrow().string("server");
  }

  @Test
  void switchingWritesCurrentAndPreviousAndKeepsEverythingElse() {
    Fixture f = new Fixture(dir);
    f.hub.withWorkspace("root:team", "Ready");
    f.use("team");

    assertEquals("Current workspace is 'root:team'.\n", f.out());
    String text = f.text();
    assertEquals("https://hub.example:6443/clusters/root:team", server(f, Session.CURRENT));
    assertEquals("https://hub.example:6443/clusters/root", server(f, Session.PREVIOUS));
    assertTrue(text.contains("current-context: workspace.atrium.dev/current"), text);
    // the original entries, their comments and unknown fields are untouched
    assertTrue(text.startsWith("# my clusters\n"), text);
    assertTrue(text.contains("- name: hub # the hub"), text); // kept; spacing normalized
    assertTrue(text.contains("extension: {keep: me}"), text);
    assertTrue(text.contains("context: {cluster: other, user: someone}"), text);
    assertTrue(text.contains("exec: {command: get-token"), text);
    assertTrue(text.contains("x-unknown-field: kept"), text);
    // credentials: the CA is copied, the user is the original context's
    assertEquals(3, count(text, "certificate-authority-data: Y2E="), text);
    assertTrue(text.contains("cluster: workspace.atrium.dev/current\n    user: admin"), text);
  }

  @Test
  void dashGoesBackAndForth() {
    Fixture f = new Fixture(dir);
    f.hub.withWorkspace("root:a", "Ready").withWorkspace("root:a:b", "Ready");
    f.use("a");
    f.use("b");
    f.use("-");
    assertEquals("https://hub.example:6443/clusters/root:a", server(f, Session.CURRENT));
    assertEquals("https://hub.example:6443/clusters/root:a:b", server(f, Session.PREVIOUS));
    f.use("-");
    assertEquals("https://hub.example:6443/clusters/root:a:b", server(f, Session.CURRENT));
    f.use("..:..");
    assertEquals("https://hub.example:6443/clusters/root", server(f, Session.CURRENT));
    f.use(":root:a:b");
    assertEquals("https://hub.example:6443/clusters/root:a:b", server(f, Session.CURRENT));
    f.use(":");
    assertEquals("https://hub.example:6443/clusters/root", server(f, Session.CURRENT));
  }

  @Test
  void dashWithoutPreviousIsAnError() {
    Fixture f = new Fixture(dir);
    CliException e = assertThrows(CliException.class, () -> f.use("-"));
    assertEquals("no previous workspace to go back to", e.getMessage());
  }

  @Test
  void missingWorkspaceLeavesTheKubeconfigUntouched() {
    Fixture f = new Fixture(dir);
    String before = f.text();
    CliException e = assertThrows(CliException.class, () -> f.use("nosuch"));
    assertEquals("workspace \"root:nosuch\" not found", e.getMessage());
    assertEquals(before, f.text());
  }

  @Test
  void forbiddenWorkspaceIsDenied() {
    Fixture f = new Fixture(dir);
    f.hub.forbid("root").forbid("root:secret");
    CliException e = assertThrows(CliException.class, () -> f.use("secret"));
    assertEquals("access to workspace \"root:secret\" denied", e.getMessage());
  }

  @Test
  void aMemberWhoCannotReadTheParentMayStillEnter() {
    Fixture f = new Fixture(dir);
    f.hub.withWorkspace("root:mine", "Ready");
    f.hub.forbid("root");
    f.use(":root:mine");
    assertEquals("https://hub.example:6443/clusters/root:mine", server(f, Session.CURRENT));
  }

  @Test
  void workspaceNotReadyYetIsRefused() {
    Fixture f = new Fixture(dir);
    f.hub.withWorkspace("root:slow", "Initializing");
    CliException e = assertThrows(CliException.class, () -> f.use("slow"));
    assertTrue(e.getMessage().contains("not ready"), e.getMessage());
  }

  @Test
  void noArgumentOrTildePrintsCurrentUnlessAHomeIsConfigured() {
    Fixture f = new Fixture(dir);
    UseOptions none = new UseOptions(f.session(), null, null).complete();
    assertNull(none.target());
    none.validate().run();
    assertEquals("Current workspace is 'root'.\n", f.out());
    f.env.put(Session.HOME_ENV, "root:home");
    f.hub.withWorkspace("root:home", "Ready");
    assertEquals(
        "root:home", new UseOptions(f.session(), "~", null).complete().target().path().value());
    // the shell expands an unquoted ~ to $HOME
    assertEquals(
        "root:home",
        new UseOptions(f.session(), dir.toString(), null).complete().target().path().value());
  }

  @Test
  void malformedKubeconfigIsAClearErrorAndUntouched() {
    String broken = "apiVersion: v1\nclusters:\n- name: a\n  cluster: [unclosed\n";
    Fixture f = new Fixture(dir, broken);
    CliException e = assertThrows(CliException.class, () -> f.use("x"));
    assertTrue(
        e.getMessage().startsWith("error loading kubeconfig " + f.kubeconfig), e.getMessage());
    assertEquals(broken, f.text());
  }

  @Test
  void kubeconfigWithWrongShapeIsRejected() {
    Fixture f = new Fixture(dir, "contexts: {a: b}\n");
    CliException e = assertThrows(CliException.class, () -> f.use("x"));
    assertTrue(e.getMessage().contains("\"contexts\" is not a list"), e.getMessage());
  }

  @Test
  void readOnlyKubeconfigIsAnErrorAndUntouched() throws IOException {
    Fixture f = new Fixture(dir);
    f.hub.withWorkspace("root:team", "Ready");
    String before = f.text();
    Files.setPosixFilePermissions(f.kubeconfig, PosixFilePermissions.fromString("r--r--r--"));
    CliException e = assertThrows(CliException.class, () -> f.use("team"));
    assertTrue(e.getMessage().contains("not writable"), e.getMessage());
    assertEquals(before, f.text());
    assertEquals(List.of("config"), files());
  }

  @Test
  void writesAtomicallyKeepingPermissionsAndNoTemporaryFiles() throws IOException {
    Fixture f = new Fixture(dir);
    f.hub.withWorkspace("root:team", "Ready");
    Files.setPosixFilePermissions(f.kubeconfig, PosixFilePermissions.fromString("rw-------"));
    f.use("team");
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.kubeconfig)));
    assertEquals(List.of("config"), files());
  }

  @Test
  void symlinkedKubeconfigStaysALink() throws IOException {
    Fixture f = new Fixture(dir);
    f.hub.withWorkspace("root:team", "Ready");
    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, f.kubeconfig);
    f.env.put("KUBECONFIG", link.toString());
    f.use("team");
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(f.text().contains("current-context: workspace.atrium.dev/current"));
  }

  @Test
  void withSeveralFilesWritesWhereTheCurrentContextIs() throws IOException {
    Path first = dir.resolve("users.yaml");
    Files.writeString(
        first, "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user: {token: t}\n");
    Fixture f = new Fixture(dir);
    f.hub.withWorkspace("root:team", "Ready");
    f.env.put("KUBECONFIG", first + ":" + f.kubeconfig);
    String firstBefore = Files.readString(first);
    f.use("team");
    assertEquals(firstBefore, Files.readString(first));
    assertTrue(f.text().contains("current-context: workspace.atrium.dev/current"));
    assertTrue(f.text().contains("name: workspace.atrium.dev/previous"));
  }

  @Test
  void contextFlagSelectsTheSource() {
    Fixture f = new Fixture(dir);
    f.flags.context = "other";
    UseOptions use = new UseOptions(f.session(), ":root:x", null).complete();
    assertEquals("https://other.example/clusters/root:x", use.target().url());
  }

  @Test
  void serverFlagOverridesTheServer() {
    Fixture f = new Fixture(dir);
    f.flags.server = "https://elsewhere:1/clusters/root:a";
    UseOptions use = new UseOptions(f.session(), "..", null).complete();
    assertEquals("https://elsewhere:1/clusters/root", use.target().url());
  }

  @Test
  void nameOutputPrintsThePath() {
    Fixture f = new Fixture(dir);
    f.hub.withWorkspace("root:team", "Ready");
    new UseOptions(f.session(), "team", "name").complete().validate().run();
    assertEquals("root:team\n", f.out());
    assertFalse(f.out().contains("Current"));
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
