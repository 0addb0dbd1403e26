package dev.atrium.cli.kubeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

  @TempDir Path dir;

  @Test
  void firstFileNamingAnEntryWins() throws IOException {
    Path a = write("a", "current-context: one\ncontexts:\n- name: one\n  context: {cluster: c1}\n");
    Path b = write("b", "current-context: two\ncontexts:\n- name: one\n  context: {cluster: c2}\n");
    Kubeconfig kc = Kubeconfig.load(null, a + ":" + b, dir.toString());
    assertEquals("one", kc.currentContext());
    assertEquals("c1", kc.entry(NamedKind.CONTEXT, "one").orElseThrow().string("cluster"));
  }

  @Test
  void existingEntriesAreEditedWhereTheyAreNewOnesGoWithTheCurrentContext() throws IOException {
    Path a = write("a", "clusters:\n- name: shared\n  cluster: {server: https://old}\n");
    Path b = write("b", "current-context: x\n");
    Kubeconfig kc = Kubeconfig.load(null, a + ":" + b, dir.toString());
    var body = Entry.newBody();
    Entry.set(body, "server", "https://new");
    kc.put(NamedKind.CLUSTER, "shared", body);
    kc.put(NamedKind.CLUSTER, "fresh", Entry.newBody());
    kc.setCurrentContext("y");
    kc.save();
    assertTrue(Files.readString(a).contains("server: https://new"));
    assertFalse(Files.readString(a).contains("fresh"));
    assertTrue(Files.readString(b).contains("name: fresh"));
    assertTrue(Files.readString(b).contains("current-context: y"));
  }

  @Test
  void relativeFilesAreResolvedAgainstTheKubeconfigFolder() throws IOException {
    Path a = write("a", "users:\n- name: u\n  user: {tokenFile: tok}\n");
    Kubeconfig kc = Kubeconfig.load(a.toString(), null, dir.toString());
    assertEquals(dir.resolve("tok"), kc.entry(NamedKind.USER, "u").orElseThrow().path("tokenFile"));
  }

  @Test
  void aMissingDefaultFileIsEmptyAndCreatedOnSave() {
    Kubeconfig kc = Kubeconfig.load(null, null, dir.toString());
    kc.setCurrentContext("c");
    kc.save();
    assertTrue(Files.exists(dir.resolve(".kube/config")));
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }
}
