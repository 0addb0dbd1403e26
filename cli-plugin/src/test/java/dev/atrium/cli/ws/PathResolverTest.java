package dev.atrium.cli.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.cli.common.CliException;
import dev.atrium.model.tenancy.WorkspacePath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathResolverTest {

  private static final WorkspacePath CURRENT = new WorkspacePath("root:org:team");

  @ParameterizedTest(name = "{0} from root:org:team is {1}")
  @CsvSource({
    "child, root:org:team:child",
    "a:b, root:org:team:a:b",
    "., root:org:team",
    "'..', root:org",
    "'..:..', root",
    "'..:other', root:org:other",
    "'..:..:x:y', root:x:y",
    "':', root",
    "':root', root",
    "':root:a:b', root:a:b",
    "':root:a:..:c', root:c",
    "root, root:org:team:root",
  })
  void resolvesRelativeAndAbsolutePaths(String input, String expected) {
    assertEquals(new WorkspacePath(expected), PathResolver.resolve(CURRENT, input));
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @ValueSource(
      strings = {
        "",
        "Upper",
        "a::b",
        "a:",
        ":a",
        ":rooty",
        "::",
        "-x",
        "x_y",
        "..:..:..:..",
        ":root:..",
        "has space"
      })
  void rejectsInvalidPaths(String input) {
    CliException e = assertThrows(CliException.class, () -> PathResolver.resolve(CURRENT, input));
    assertTrue(e.getMessage().startsWith("invalid workspace path"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void parentOfRootIsAnError() {
    CliException e =
        assertThrows(CliException.class, () -> PathResolver.resolve(WorkspacePath.ROOT, ".."));
    assertTrue(e.getMessage().contains("no parent"), e.getMessage());
  }
}
