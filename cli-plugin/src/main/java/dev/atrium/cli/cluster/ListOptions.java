package dev.atrium.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.cli.common.OutputFormat;
import dev.atrium.cli.common.Printer;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.cli.ws.KubeContext;
import dev.atrium.cli.ws.Session;
import dev.atrium.model.meta.Metadata;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.workload.SyncTarget;
import dev.atrium.model.workload.SyncTargetStatus;
import dev.atrium.model.workload.Workload;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl atrium cluster list}: the SyncTargets of the current workspace with health,
 * heartbeat age, agent version and synced object counts.
 */
public final class ListOptions {

  static final List<String> HEADER =
      List.of("NAME", "KEY", "READY", "HEARTBEAT", "VERSION", "SYNCED", "LABELS");

  private final Session session;
  private final String output;
  private OutputFormat format;
  private KubeContext current;
  private ClusterApi api;

  public ListOptions(Session session, String output) {
    this.session = session;
    this.output = output;
  }

  public ListOptions complete() {
    format = OutputFormat.parse(output);
    current = session.current();
    api = new ClusterApi(session.client(current), current.url());
    return this;
  }

  public ListOptions validate() {
    return this;
  }

  public void run() {
    HubResponse response = api.listTargets();
    if (response.code() == 404) {
      throw api.notServed("list clusters", response);
    }
    if (!response.ok()) {
      throw api.failure("list clusters", response);
    }
    JsonNode items = response.body().path("items");
    PrintStream out = session.streams().out();
    switch (format) {
      case JSON, YAML -> Printer.print(out, format, Printer.toMap(response.body()));
      case NAME -> {
        for (JsonNode item : items) {
          out.println(
              "synctarget." + Workload.GROUP + "/" + item.path("metadata").path("name").asText());
        }
      }
      default -> {
        if (items.isEmpty()) {
          session
              .streams()
              .err()
              .println("No clusters registered in workspace " + api.workspace() + ".");
          return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        Instant now = Instant.now();
        for (JsonNode item : items) {
          rows.add(row(item, now));
        }
        out.print(table(rows));
      }
    }
  }

  /** One table row for a SyncTarget, ages relative to {@code now}. */
  static List<String> row(JsonNode target, Instant now) {
    SyncTarget typed =
        ModelJson.tryRead(target, SyncTarget.class)
            .orElse(SyncTarget.named(Metadata.name(target.path("metadata")), null));
    SyncTargetStatus status =
        typed.status() == null ? new SyncTargetStatus(null, null, null, null) : typed.status();
    Map<String, String> labels = ClusterApi.userLabels(target);
    String ready = condition(status, Workload.CONDITION_READY);
    if (Metadata.deleting(typed.metadata())) {
      ready = "Deregistering";
    }
    String heartbeat = orEmpty(status.lastHeartbeatTime());
    String version = orEmpty(status.agentVersion());
    String key = Metadata.label(typed.metadata(), Workload.KEY_LABEL);
    return List.of(
        typed.name(),
        key.isEmpty() ? "<none>" : key,
        ready,
        heartbeat.isEmpty() ? "never" : age(heartbeat, now),
        version.isEmpty() ? "<none>" : version,
        Long.toString(status.syncedCount()),
        Labels.format(labels));
  }

  /** The status of condition {@code type}, {@code Unknown} when absent. */
  static String condition(SyncTargetStatus status, String type) {
    String value = status.conditionStatus(type);
    return value.isEmpty() ? "Unknown" : value;
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  /** How long ago an RFC 3339 time was, as kubectl prints ages: 5s, 3m, 4h, 2d, 1y. */
  static String age(String time, Instant now) {
    Instant then;
    try {
      then = Instant.parse(time);
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
    return shortDuration(Duration.between(then, now));
  }

  static String shortDuration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 48) {
      return h + "h";
    }
    long days = h / 24;
    if (days < 730) {
      return days + "d";
    }
    return (days / 365) + "y";
  }

  /** Columns padded to their widest cell and separated by three spaces, as kubectl does. */
  public static String table(List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row.get(i));
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 3));
        }
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }
}
