package dev.atrium.cli.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atrium.cli.common.CliException;
import dev.atrium.model.tenancy.WorkspacePath;
import org.junit.jupiter.api.Test;

class WorkspaceUrlTest {

  @Test
  void splitsBaseAndPath() {
    WorkspaceUrl url = WorkspaceUrl.parse("https://hub:6443/prefix/clusters/root:a:b/");
    assertEquals("https://hub:6443/prefix", url.base());
    assertEquals(new WorkspacePath("root:a:b"), url.path());
    assertEquals(
        "https://hub:6443/prefix/clusters/root:a", url.at(new WorkspacePath("root:a")).url());
  }

  @Test
  void aServerWithoutClustersIsTheRoot() {
    WorkspaceUrl url = WorkspaceUrl.parse("https://127.0.0.1:6443/");
    assertEquals("https://127.0.0.1:6443", url.base());
    assertEquals(WorkspacePath.ROOT, url.path());
  }

  @Test
  void rejectsABadPath() {
    assertThrows(CliException.class, () -> WorkspaceUrl.parse("https://h/clusters/Bad"));
  }
}
