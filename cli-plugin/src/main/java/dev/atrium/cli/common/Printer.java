package dev.atrium.cli.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Prints a document (maps, lists, scalars) as JSON or YAML. */
public final class Printer {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Printer() {}

  public static void print(PrintStream out, OutputFormat format, Object document) {
    switch (format) {
      case JSON -> out.println(json(document));
      case YAML -> out.print(yaml(document));
      default -> throw new IllegalArgumentException("not a document format: " + format);
    }
  }

  public static String json(Object document) {
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new CliException("cannot print JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String yaml(Object document) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndicatorIndent(0);
    return new Yaml(options).dump(document);
  }

  /** A JSON tree (from the hub) as plain maps and lists. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(Object jsonNode) {
    return JSON.convertValue(jsonNode, Map.class);
  }
}
