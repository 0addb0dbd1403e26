package dev.atrium.cli.ws;

import dev.atrium.cli.common.OutputFormat;
import dev.atrium.cli.common.Printer;
import dev.atrium.cli.common.Streams;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code kubectl ws .}: the current workspace, from the kubeconfig alone (no request). */
public final class CurrentOptions {

  private final Session session;
  private final boolean shortOutput;
  private final String output;
  private OutputFormat format;
  private KubeContext current;

  public CurrentOptions(Session session, boolean shortOutput, String output) {
    this.session = session;
    this.shortOutput = shortOutput;
    this.output = output;
  }

  public CurrentOptions complete() {
    format = OutputFormat.parse(output);
    current = session.current();
    return this;
  }

  public CurrentOptions validate() {
    return this;
  }

  public void run() {
    print(session.streams(), format, shortOutput, current);
  }

  /** How every command that ends in a workspace reports it. */
  static void print(
      Streams streams, OutputFormat format, boolean shortOutput, KubeContext context) {
    String path = context.url().path().value();
    switch (format) {
      case NAME -> streams.out().println(path);
      case JSON, YAML -> Printer.print(streams.out(), format, document(context));
      default -> streams.out().println(shortOutput ? path : "Current workspace is '" + path + "'.");
    }
  }

  private static Map<String, Object> document(KubeContext context) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("workspace", context.url().path().value());
    doc.put("server", context.url().url());
    doc.put("context", context.name());
    return doc;
  }
}
