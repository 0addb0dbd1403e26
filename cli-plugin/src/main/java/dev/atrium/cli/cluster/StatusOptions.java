package dev.atrium.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.cli.common.CliException;
import dev.atrium.cli.common.OutputFormat;
import dev.atrium.cli.common.Printer;
import dev.atrium.cli.hub.HubClient;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.cli.ws.KubeContext;
import dev.atrium.cli.ws.Session;
import dev.atrium.model.catalog.BuiltinCatalog;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.workload.Workload;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kubectl atrium cluster status TYPE/NAME [-n NS]}: an object's status on each physical
 * cluster it is synced to (the per-target entries {@code status.workload.atrium.dev/<key>}), next
 * to the aggregate in its {@code status}.
 */
public final class StatusOptions {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> HEADER =
      List.of("CLUSTER", "KEY", "REPLICAS", "READY", "AVAILABLE", "CONDITIONS");

  private final Session session;
  private final String object;
  private final String namespace;
  private final OutputFormat format;
  private KubeContext current;
  private HubClient hub;

  public StatusOptions(Session session, String object, String namespace, String output) {
    this.session = session;
    this.object = object;
    this.namespace = namespace == null ? "default" : namespace;
    this.format = OutputFormat.parse(output);
  }

  public StatusOptions complete() {
    current = session.current();
    hub = session.client(current);
    return this;
  }

  public void run() {
    int slash = object == null ? -1 : object.indexOf('/');
    if (slash <= 0 || slash == object.length() - 1) {
      throw new CliException("expected TYPE/NAME, e.g. deployment/web or widgets.example.com/w1");
    }
    String path = path(object.substring(0, slash), object.substring(slash + 1));
    HubResponse r = hub.get(current.url().url(path));
    if (!r.ok()) {
      throw new CliException("cannot read " + object + ": " + r.message());
    }
    Map<String, String> names = targetNames();
    Map<String, JsonNode> byKey = perTarget(r.body());
    PrintStream out = session.streams().out();
    if (format == OutputFormat.JSON || format == OutputFormat.YAML) {
      Map<String, Object> doc = new LinkedHashMap<>();
      byKey.forEach((k, v) -> doc.put(names.getOrDefault(k, k), Printer.toMap(v)));
      doc.put("aggregate", Printer.toMap(r.body().path("status")));
      Printer.print(out, format, doc);
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    byKey.forEach((k, v) -> rows.add(row(names.getOrDefault(k, "<unknown>"), k, v)));
    rows.add(row("(aggregate)", "", r.body().path("status")));
    out.print(ListOptions.table(rows));
  }

  /**
   * Each target's own status, by key; with no per-target entries, the labelled keys share status.
   */
  static Map<String, JsonNode> perTarget(JsonNode object) {
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    JsonNode annotations = object.path("metadata").path("annotations");
    annotations
        .fieldNames()
        .forEachRemaining(
            a -> {
              if (a.startsWith(Workload.STATUS_ANNOTATION_PREFIX)) {
                try {
                  byKey.put(
                      a.substring(Workload.STATUS_ANNOTATION_PREFIX.length()),
                      JSON.readTree(annotations.path(a).asText("{}")));
                } catch (Exception e) {
                  byKey.put(
                      a.substring(Workload.STATUS_ANNOTATION_PREFIX.length()),
                      JSON.createObjectNode());
                }
              }
            });
    if (byKey.isEmpty()) {
      object
          .path("metadata")
          .path("labels")
          .fieldNames()
          .forEachRemaining(
              l -> {
                if (l.startsWith(Workload.STATE_LABEL_PREFIX)) {
                  byKey.put(
                      l.substring(Workload.STATE_LABEL_PREFIX.length()), object.path("status"));
                }
              });
    }
    return byKey;
  }

  static List<String> row(String cluster, String key, JsonNode status) {
    StringBuilder conditions = new StringBuilder();
    for (JsonNode c : status.path("conditions")) {
      conditions
          .append(conditions.length() == 0 ? "" : ",")
          .append(c.path("type").asText())
          .append('=')
          .append(c.path("status").asText());
    }
    return List.of(
        cluster,
        key.isEmpty() ? "-" : key,
        text(status, "replicas"),
        text(status, "readyReplicas"),
        text(status, "availableReplicas"),
        conditions.length() == 0 ? "<none>" : conditions.toString());
  }

  private static String text(JsonNode status, String field) {
    return status.has(field) ? status.path(field).asText() : "-";
  }

  private Map<String, String> targetNames() {
    Map<String, String> names = new LinkedHashMap<>();
    HubResponse list = hub.get(current.url().url(ClusterApi.SYNC_TARGETS));
    if (list.ok()) {
      for (JsonNode t : list.body().path("items")) {
        names.put(
            t.path("metadata").path("labels").path(Workload.KEY_LABEL).asText(),
            t.path("metadata").path("name").asText());
      }
    }
    return names;
  }

  /**
   * The URL path of TYPE/NAME: a built-in by plural, singular, kind or short name, else
   * plural.group.
   */
  private String path(String type, String name) {
    Optional<ResourceType> builtin =
        BuiltinCatalog.all().stream()
            .filter(
                t ->
                    t.plural().equals(type)
                        || t.singular().equals(type)
                        || t.kind().equalsIgnoreCase(type)
                        || t.shortNames().contains(type)
                        || (t.plural() + "." + t.group()).equals(type)
                        || (t.singular() + "." + t.group()).equals(type))
            .findFirst();
    if (builtin.isPresent()) {
      return url(
          builtin.get().group(),
          builtin.get().version(),
          builtin.get().plural(),
          builtin.get().namespaced(),
          name);
    }
    int dot = type.indexOf('.');
    if (dot <= 0) {
      throw new CliException(
          "unknown type \"" + type + "\": use PLURAL.GROUP/NAME for custom resources");
    }
    String plural = type.substring(0, dot);
    String group = type.substring(dot + 1);
    HubResponse g = hub.get(current.url().url("/apis/" + group));
    String version = g.ok() ? g.body().path("preferredVersion").path("version").asText("") : "";
    if (version.isEmpty()) {
      throw new CliException(
          "API group " + group + " is not served in workspace " + current.url().path().value());
    }
    return url(group, version, plural, true, name);
  }

  private String url(String group, String version, String plural, boolean namespaced, String name) {
    String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    return base + (namespaced ? "/namespaces/" + namespace : "") + "/" + plural + "/" + name;
  }
}
