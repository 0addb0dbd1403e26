package dev.atrium.cli.atrium;

import dev.atrium.cli.common.OutputFormat;
import dev.atrium.cli.common.Printer;
import dev.atrium.cli.common.Version;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.cli.ws.KubeContext;
import dev.atrium.cli.ws.Session;
import dev.atrium.cli.ws.WorkspaceApi;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code kubectl atrium version}: the plugins' version and, unless --client, the hub's. */
public final class VersionOptions {

  private final Session session;
  private final boolean clientOnly;
  private final String output;
  private OutputFormat format;
  private KubeContext current;

  public VersionOptions(Session session, boolean clientOnly, String output) {
    this.session = session;
    this.clientOnly = clientOnly;
    this.output = output;
  }

  public VersionOptions complete() {
    format = OutputFormat.parse(output);
    current = clientOnly ? null : session.current();
    return this;
  }

  public VersionOptions validate() {
    return this;
  }

  public void run() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("clientVersion", Map.of("gitVersion", Version.get()));
    if (current != null) {
      HubResponse response = session.client(current).get(current.url().base() + "/version");
      if (!response.ok()) {
        throw WorkspaceApi.failure(response);
      }
      doc.put("serverVersion", Printer.toMap(response.body()));
    }
    switch (format) {
      case JSON, YAML -> Printer.print(session.streams().out(), format, doc);
      default -> {
        session.streams().out().println("Client Version: " + Version.get());
        if (current != null) {
          Object server = ((Map<?, ?>) doc.get("serverVersion")).get("gitVersion");
          session.streams().out().println("Server Version: " + server);
        }
      }
    }
  }
}
