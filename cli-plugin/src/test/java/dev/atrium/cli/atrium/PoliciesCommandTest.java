package dev.atrium.cli.atrium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.cli.common.OutputFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoliciesCommandTest {

  private static String print(OutputFormat format, List<PoliciesCommand.Inherited> items) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    PoliciesCommand.print(out, format, "root:org:team", items, List.of("a conflict"));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theOriginLabelNamesTheSourceWorkspace() {
    assertEquals("root:org", PoliciesCommand.sourcePath("root_org"));
  }

  @Test
  void aTableOfWhatIsInheritedAndFromWhere() {
    String text =
        print(
            OutputFormat.TEXT,
            List.of(
                new PoliciesCommand.Inherited("ClusterRole", "", "org-auditor", "root:org"),
                new PoliciesCommand.Inherited("LimitRange", "default", "limits", "root")));
    assertTrue(text.matches("(?s)KIND\\s+NAMESPACE\\s+NAME\\s+FROM\\s*\n.*"), text);
    assertTrue(text.matches("(?s).*ClusterRole\\s+org-auditor\\s+root:org\n.*"), text);
    assertTrue(text.matches("(?s).*LimitRange\\s+default\\s+limits\\s+root\n.*"), text);
    assertTrue(text.contains("Conflicts") && text.contains("a conflict"), text);
  }

  @Test
  void nothingInheritedAndJson() {
    assertTrue(print(OutputFormat.TEXT, List.of()).contains("inherits no policies"));
    String json =
        print(
            OutputFormat.JSON,
            List.of(new PoliciesCommand.Inherited("ClusterRole", "", "r", "root")));
    assertTrue(json.contains("\"from\" : \"root\"") || json.contains("\"from\":\"root\""), json);
  }
}
