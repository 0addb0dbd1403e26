package dev.atrium.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.atrium.agent.mapping.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the hub's syncer view (plain HTTP, as the contract describes it): the objects
 * list, a line-delimited watch, status and finalizer patches, CRD gets, events and heartbeats. It
 * keeps objects by their per-object path and records every write.
 */
final class FakeView implements AutoCloseable {

  /** One write the agent made. */
  record Write(String method, String path, String contentType, JsonNode body) {}

  /** One object in the view. */
  record Entry(
      String workspace, String group, String version, String resource, ObjectNode object) {}

  final String workspace;
  final String target;
  final List<Write> writes = new CopyOnWriteArrayList<>();
  final Map<String, Entry> synced = new ConcurrentHashMap<>();
  final Map<String, ObjectNode> crds = new ConcurrentHashMap<>();
  volatile boolean targetDeleting;
  volatile boolean down;
  volatile boolean expireNextWatch;
  final java.util.concurrent.atomic.AtomicInteger lists =
      new java.util.concurrent.atomic.AtomicInteger();
  final List<String> watchFrom = new CopyOnWriteArrayList<>();
  private final List<long[]> logRevisions = new CopyOnWriteArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private static final String HANG_UP = "";
  private final AtomicLong revision = new AtomicLong(100);
  private final List<LinkedBlockingQueue<String>> watchers = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  FakeView(String workspace, String target) throws IOException {
    this.workspace = workspace;
    this.target = target;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/services/syncer/"
        + workspace
        + "/"
        + target;
  }

  Path kubeconfig(Path dir) throws IOException {
    Path p = dir.resolve("hub.kubeconfig");
    Files.writeString(
        p,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: hub, cluster: {server: "%s"}}]
        users: [{name: agent, user: {token: test-token}}]
        contexts: [{name: hub, context: {cluster: hub, user: agent}}]
        current-context: hub
        """
            .formatted(base()));
    return p;
  }

  static String path(
      String workspace, String group, String version, String resource, String ns, String name) {
    String root = group.isEmpty() ? "/api/v1" : "/apis/" + group + "/" + version;
    return "/clusters/"
        + workspace
        + root
        + (ns.isEmpty() ? "" : "/namespaces/" + ns)
        + "/"
        + resource
        + "/"
        + name;
  }

  /** Adds or changes an object (ADDED / MODIFIED); bumps resourceVersion and generation. */
  ObjectNode put(
      String group, String version, String resource, ObjectNode object, boolean specChange) {
    return putIn(workspace, group, version, resource, object, specChange);
  }

  synchronized ObjectNode putIn(
      String ws,
      String group,
      String version,
      String resource,
      ObjectNode object,
      boolean specChange) {
    ObjectNode meta = (ObjectNode) object.get("metadata");
    String ns = meta.path("namespace").asText("");
    String p = path(ws, group, version, resource, ns, meta.get("name").asText());
    Entry old = synced.get(p);
    long gen =
        old == null ? 1 : old.object().at("/metadata/generation").asLong(1) + (specChange ? 1 : 0);
    meta.put("generation", gen);
    meta.put("resourceVersion", Long.toString(revision.incrementAndGet()));
    meta.put("uid", "uid-" + meta.get("name").asText());
    synced.put(p, new Entry(ws, group, version, resource, object));
    emit(old == null ? "ADDED" : "MODIFIED", synced.get(p));
    return object;
  }

  synchronized void remove(String group, String version, String resource, String ns, String name) {
    Entry e = synced.remove(path(workspace, group, version, resource, ns, name));
    if (e != null) {
      ((ObjectNode) e.object().get("metadata"))
          .put("resourceVersion", Long.toString(revision.incrementAndGet()));
      emit("DELETED", e);
    }
  }

  /** Marks an object deleted upstream: it keeps its finalizers until the agent removes its own. */
  synchronized void markDeleting(
      String group, String version, String resource, String ns, String name) {
    Entry e = synced.get(path(workspace, group, version, resource, ns, name));
    ObjectNode meta = (ObjectNode) e.object().get("metadata");
    meta.put("deletionTimestamp", "2026-12-03T10:00:00Z");
    meta.put("resourceVersion", Long.toString(revision.incrementAndGet()));
    emit("MODIFIED", e);
  }

  Entry get(String group, String version, String resource, String ns, String name) {
    return synced.get(path(workspace, group, version, resource, ns, name));
  }

  List<Write> writesTo(String suffix) {
    List<Write> out = new ArrayList<>();
    for (Write w : writes) {
      if (w.path().endsWith(suffix)) {
        out.add(w);
      }
    }
    return out;
  }

  private void emit(String type, Entry e) {
    ObjectNode ev = Json.object();
    ev.put("type", type)
        .put("workspace", e.workspace())
        .put("group", e.group())
        .put("version", e.version())
        .put("resource", e.resource());
    ev.set("object", e.object().deepCopy());
    String line = Json.write(ev);
    log.add(line);
    logRevisions.add(new long[] {e.object().at("/metadata/resourceVersion").asLong()});
    watchers.forEach(q -> q.add(line));
  }

  /** Ends every open watch, as a hub restart or a network cut would. */
  void dropWatches() {
    watchers.forEach(q -> q.add(HANG_UP));
  }

  private void handle(HttpExchange x) throws IOException {
    String full = x.getRequestURI().getRawPath();
    String prefix = "/services/syncer/" + workspace + "/" + target;
    if (!full.startsWith(prefix)) {
      send(x, 404, "{\"kind\":\"Status\",\"code\":404}");
      return;
    }
    String p = full.substring(prefix.length());
    String query = x.getRequestURI().getRawQuery();
    String method = x.getRequestMethod();
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (!"Bearer test-token".equals(x.getRequestHeaders().getFirst("Authorization"))) {
      send(x, 401, "{\"kind\":\"Status\",\"code\":401}");
      return;
    }
    if (down) {
      send(x, 503, "{\"kind\":\"Status\",\"code\":503}");
      return;
    }
    if (!method.equals("GET")) {
      writes.add(
          new Write(
              method,
              p,
              x.getRequestHeaders().getFirst("Content-Type"),
              body.isEmpty() ? null : Json.MAPPER.readTree(body)));
    }
    if (p.equals("/objects") && query != null && query.contains("watch=true")) {
      String rv = query.replaceAll(".*resourceVersion=([0-9]+).*", "$1");
      watchFrom.add(rv);
      if (expireNextWatch) {
        expireNextWatch = false;
        send(x, 410, "{\"kind\":\"Status\",\"code\":410,\"reason\":\"Expired\"}");
        return;
      }
      watch(x, Long.parseLong(rv));
    } else if (p.equals("/objects")) {
      lists.incrementAndGet();
      list(x);
    } else if (p.contains("/customresourcedefinitions/")) {
      ObjectNode crd = crds.get(p.substring(p.lastIndexOf('/') + 1));
      send(
          x,
          crd == null ? 404 : 200,
          crd == null ? "{\"kind\":\"Status\",\"code\":404}" : Json.write(crd));
    } else if (p.contains("/synctargets/")) {
      ObjectNode st =
          Json.object().put("apiVersion", "workload.atrium.dev/v1alpha1").put("kind", "SyncTarget");
      ObjectNode meta = st.putObject("metadata").put("name", target);
      if (targetDeleting) {
        meta.put("deletionTimestamp", "2026-12-03T10:00:00Z");
      }
      send(x, 200, Json.write(st));
    } else if (p.endsWith("/events")) {
      send(x, 201, body);
    } else if (method.equals("PATCH") && p.endsWith("/status")) {
      patchStatus(x, p.substring(0, p.length() - "/status".length()), Json.parse(body));
    } else if (method.equals("PATCH")) {
      removeFinalizer(x, p, (ArrayNode) Json.MAPPER.readTree(body));
    } else {
      send(x, 403, "{\"kind\":\"Status\",\"code\":403}");
    }
  }

  private void list(HttpExchange x) throws IOException {
    ObjectNode l =
        Json.object()
            .put("apiVersion", "syncer.atrium.dev/v1alpha1")
            .put("kind", "SyncerObjectList");
    ArrayNode items;
    synchronized (this) {
      l.putObject("metadata").put("resourceVersion", Long.toString(revision.get()));
      items = l.putArray("items");
      for (Entry e : synced.values()) {
        items
            .addObject()
            .put("workspace", e.workspace())
            .put("group", e.group())
            .put("version", e.version())
            .put("resource", e.resource())
            .set("object", e.object().deepCopy());
      }
    }
    send(x, 200, Json.write(l));
  }

  private void watch(HttpExchange x, long from) throws IOException {
    LinkedBlockingQueue<String> q = new LinkedBlockingQueue<>();
    synchronized (this) {
      for (int i = 0; i < log.size(); i++) {
        if (logRevisions.get(i)[0] > from) {
          q.add(log.get(i));
        }
      }
      watchers.add(q);
    }
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(200, 0);
    try (OutputStream out = x.getResponseBody()) {
      while (true) {
        String line = q.poll(1, TimeUnit.SECONDS);
        if (HANG_UP.equals(line)) {
          break;
        }
        if (line != null) {
          out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    } catch (InterruptedException | IOException e) {
      // client went away or server stopped
    } finally {
      watchers.remove(q);
    }
  }

  private synchronized void patchStatus(HttpExchange x, String p, ObjectNode patch)
      throws IOException {
    Entry e = synced.get(p);
    if (e == null) {
      send(x, 404, "{\"kind\":\"Status\",\"code\":404}");
      return;
    }
    ObjectNode status =
        e.object().has("status") && e.object().get("status").isObject()
            ? (ObjectNode) e.object().get("status")
            : e.object().putObject("status");
    patch
        .get("status")
        .fields()
        .forEachRemaining(
            f -> {
              if (f.getValue().isNull()) {
                status.remove(f.getKey());
              } else {
                status.set(f.getKey(), f.getValue());
              }
            });
    ((ObjectNode) e.object().get("metadata"))
        .put("resourceVersion", Long.toString(revision.incrementAndGet()));
    emit("MODIFIED", e);
    send(x, 200, Json.write(e.object()));
  }

  private synchronized void removeFinalizer(HttpExchange x, String p, ArrayNode ops)
      throws IOException {
    Entry e = synced.get(p);
    if (e == null) {
      send(x, 404, "{\"kind\":\"Status\",\"code\":404}");
      return;
    }
    int i =
        Integer.parseInt(
            ops.get(0).get("path").asText().substring("/metadata/finalizers/".length()));
    ArrayNode fins = (ArrayNode) e.object().at("/metadata/finalizers");
    if (!fins.get(i).asText().equals(ops.get(0).get("value").asText())) {
      send(x, 422, "{\"kind\":\"Status\",\"code\":422}");
      return;
    }
    fins.remove(i);
    send(x, 200, Json.write(e.object()));
    if (fins.isEmpty() && e.object().at("/metadata/deletionTimestamp").isTextual()) {
      synced.remove(p);
      ((ObjectNode) e.object().get("metadata"))
          .put("resourceVersion", Long.toString(revision.incrementAndGet()));
      emit("DELETED", e);
    }
  }

  private static void send(HttpExchange x, int code, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(code, b.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
