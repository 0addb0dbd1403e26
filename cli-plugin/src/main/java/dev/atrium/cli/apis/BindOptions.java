package dev.atrium.cli.apis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.cli.common.CliException;
import dev.atrium.cli.hub.HubClient;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.cli.ws.KubeContext;
import dev.atrium.cli.ws.Session;
import dev.atrium.model.apis.Apis;
import dev.atrium.model.tenancy.WorkspacePath;
import java.time.Duration;

/**
 * {@code kubectl atrium bind apiexport PATH:NAME [--name N]}: creates an APIBinding in the current
 * workspace and waits until it is Bound; a missing export, a refused bind or a name clash is a
 * clear error (the binding's condition), not a hang.
 */
public final class BindOptions {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BINDINGS =
      "/apis/" + Apis.GROUP + "/" + Apis.VERSION + "/" + Apis.BINDINGS;
  private static final long POLL_MILLIS = 300;

  private final Session session;
  private final String reference;
  private final String bindingName;
  private final Duration timeout;
  private String path;
  private String export;
  private String name;
  private KubeContext current;
  private HubClient hub;

  public BindOptions(Session session, String reference, String bindingName, Duration timeout) {
    this.session = session;
    this.reference = reference;
    this.bindingName = bindingName;
    this.timeout = timeout;
  }

  public BindOptions complete() {
    int colon = reference == null ? -1 : reference.lastIndexOf(':');
    if (colon <= 0 || colon == reference.length() - 1) {
      throw new CliException(
          "expected PATH:NAME of an APIExport (e.g. root:providers:widgets), got \""
              + reference
              + "\"");
    }
    path = reference.substring(0, colon);
    export = reference.substring(colon + 1);
    name = bindingName == null ? export : bindingName;
    current = session.current();
    hub = session.client(current);
    return this;
  }

  public BindOptions validate() {
    if (!WorkspacePath.valid(path)) {
      throw new CliException("invalid workspace path \"" + path + "\"");
    }
    if (!WorkspacePath.validName(export) || !WorkspacePath.validName(name)) {
      throw new CliException(
          "invalid name \"" + (WorkspacePath.validName(export) ? name : export) + "\"");
    }
    return this;
  }

  public void run() {
    ObjectNode body = JSON.createObjectNode();
    body.put("apiVersion", Apis.GROUP + "/" + Apis.VERSION).put("kind", "APIBinding");
    body.putObject("metadata").put("name", name);
    body.putObject("spec")
        .putObject("reference")
        .putObject("export")
        .put("path", path)
        .put("name", export);
    HubResponse created = hub.post(current.url().url(BINDINGS), body);
    String where = " in workspace " + current.url().path().value();
    if (created.code() == 403) {
      throw new CliException("cannot bind " + reference + where + ": " + created.message());
    }
    if (created.code() != 201 && created.code() != 409) {
      throw new CliException("cannot bind " + reference + where + ": " + created.message());
    }
    JsonNode bound = waitForBound();
    session
        .streams()
        .out()
        .println("apibinding \"" + name + "\" Bound to " + reference + resources(bound));
  }

  private JsonNode waitForBound() {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (true) {
      HubResponse r = hub.get(current.url().url(BINDINGS + "/" + name));
      if (!r.ok()) {
        throw new CliException("cannot read apibinding \"" + name + "\": " + r.message());
      }
      JsonNode status = r.body().path("status");
      if (Apis.PHASE_BOUND.equals(status.path("phase").asText())) {
        return r.body();
      }
      for (JsonNode c : status.path("conditions")) {
        if ("Ready".equals(c.path("type").asText())) {
          last = c.path("reason").asText() + ": " + c.path("message").asText();
          if ("NameConflict".equals(c.path("reason").asText())) {
            throw new CliException("apibinding \"" + name + "\" cannot bind: " + last);
          }
        }
      }
      if (System.nanoTime() > deadline) {
        throw new CliException(
            "apibinding \""
                + name
                + "\" is not Bound after "
                + timeout.toSeconds()
                + "s"
                + (last.isEmpty() ? "" : " (" + last + ")"));
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted");
      }
    }
  }

  private static String resources(JsonNode binding) {
    StringBuilder b = new StringBuilder();
    for (JsonNode r : binding.path("status").path("boundResources")) {
      b.append(b.length() == 0 ? " (" : ", ")
          .append(r.path("resource").asText())
          .append('.')
          .append(r.path("group").asText());
    }
    return b.length() == 0 ? "" : b.append(')').toString();
  }
}
