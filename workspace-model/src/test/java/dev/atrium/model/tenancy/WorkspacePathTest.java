package dev.atrium.model.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkspacePathTest {

  @Test
  void acceptsRootAndNestedNames() {
    assertTrue(WorkspacePath.valid("root"));
    assertTrue(WorkspacePath.valid("root:acme:web-1"));
    assertEquals("root:acme:web", WorkspacePath.ROOT.child("acme").child("web").value());
  }

  @Test
  void rejectsPathTricks() {
    for (String bad :
        List.of(
            "",
            "acme",
            "root:",
            "root::a",
            "root:..",
            "root:a/b",
            "root:A",
            "root:a%2Fb",
            "root:é",
            "root:-a",
            ":root",
            "root:a:",
            "root:" + "a".repeat(64),
            "root:" + "a:".repeat(600) + "a")) {
      assertFalse(WorkspacePath.valid(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> new WorkspacePath("root:.."));
  }

  @Test
  void knowsParentsAndAncestors() {
    WorkspacePath web = new WorkspacePath("root:acme:web");
    assertEquals("root:acme", web.parent().orElseThrow().value());
    assertTrue(WorkspacePath.ROOT.parent().isEmpty());
    assertEquals("web", web.name());
    assertEquals(2, web.depth());
    assertTrue(new WorkspacePath("root:acme").isAncestorOf(web));
    assertFalse(new WorkspacePath("root:ac").isAncestorOf(web));
    assertFalse(web.isAncestorOf(web));
    assertEquals(
        List.of("root:acme:web", "root:acme", "root"),
        web.selfAndAncestors().stream().map(WorkspacePath::value).toList());
  }
}
