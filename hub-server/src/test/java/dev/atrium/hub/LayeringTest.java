package dev.atrium.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hub's layers, as DESIGN.md draws them: api → auth → admission → registry → storage; imports
 * point down only. What every layer needs about a request (ApiException, RequestInfo, UserInfo)
 * lives in {@code request}, below them all. Admission plugins may consult the authorizer
 * (escalation checks, the bind permission), as kube-apiserver's do, so admission → auth is allowed.
 * Controllers sit beside api and never reach SQL (storage.postgres).
 */
class LayeringTest {

  private static final List<String> LAYERS =
      List.of("api", "auth", "admission", "registry", "storage");
  private static final Path SOURCES = Path.of("src/main/java/dev/atrium/hub");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.atrium\\.hub\\.(\\w+)", Pattern.MULTILINE);

  @Test
  void importsPointDownOnly() throws IOException {
    List<String> upward = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String layer = SOURCES.relativize(file).getName(0).toString();
        String text = Files.readString(file);
        Matcher m = IMPORT.matcher(text);
        while (m.find()) {
          String target = m.group(1);
          if (violates(layer, target, text.substring(m.start(), text.indexOf(';', m.start())))) {
            upward.add(
                SOURCES.relativize(file)
                    + " imports "
                    + text.substring(m.start() + 7, text.indexOf(';', m.start())));
          }
        }
      }
    }
    assertEquals(List.of(), upward);
  }

  private static boolean violates(String from, String to, String importLine) {
    if (from.equals("controllers")) {
      return to.equals("api") || importLine.contains("dev.atrium.hub.storage.postgres");
    }
    if (from.equals("admission") && to.equals("auth")) {
      return false;
    }
    if (from.equals("request")) {
      return !to.equals("request");
    }
    int a = LAYERS.indexOf(from);
    int b = LAYERS.indexOf(to);
    if (a < 0) {
      return false;
    }
    return b >= 0 && b < a || to.equals("controllers") && !from.equals("api");
  }
}
