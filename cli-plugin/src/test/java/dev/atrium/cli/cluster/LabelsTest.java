package dev.atrium.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.cli.common.CliException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

  @Test
  void parsesPairsInOrder() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("region", "eu");
    expected.put("example.com/tier", "gold");
    expected.put("empty", "");
    Map<String, String> labels = Labels.parse("region=eu, example.com/tier=gold,empty=");
    assertEquals(expected, labels);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(labels.keySet()));
    assertEquals("region=eu,example.com/tier=gold,empty=", Labels.format(labels));
  }

  @Test
  void noneIsEmpty() {
    assertTrue(Labels.parse(null).isEmpty());
    assertTrue(Labels.parse("  ").isEmpty());
    assertEquals("<none>", Labels.format(Map.of()));
  }

  @Test
  void rejectsBadSyntax() {
    for (String bad :
        new String[] {
          "region",
          "=eu",
          "region=eu,",
          "a=b=c",
          "-a=b",
          "a-=b",
          "Bad_Prefix/a=b",
          "a/b/c=d",
          "/a=b",
          "a=" + "x".repeat(64),
          "k".repeat(64) + "=v",
          "a=b c",
          "a=b,a=c"
        }) {
      CliException e = assertThrows(CliException.class, () -> Labels.parse(bad), bad);
      assertTrue(e.getMessage().contains("label") || e.getMessage().contains("value"), bad);
    }
  }

  @Test
  void theKeyLabelBelongsToTheHub() {
    CliException e =
        assertThrows(CliException.class, () -> Labels.parse("workload.atrium.dev/key=x"));
    assertTrue(e.getMessage().contains("set by the hub"), e.getMessage());
  }

  @Test
  void acceptsTheFullSyntax() {
    Labels.parse("a.b-c.example.com/N4me_x.y-z=V4l.u_e-1," + "k".repeat(63) + "=" + "v".repeat(63));
  }
}
