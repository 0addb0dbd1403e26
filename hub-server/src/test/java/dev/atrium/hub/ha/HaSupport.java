package dev.atrium.hub.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Shared steps of the HA tests: objects, writers, watch bookkeeping, measurements. */
final class HaSupport {

  static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
  static final String WORKSPACES = "/apis/tenancy.atrium.dev/v1alpha1/workspaces";

  private HaSupport() {}

  static String configMap(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\"},\"data\":{\"k\":\"v\"}}";
  }

  static String workspace(String name) {
    return "{\"apiVersion\":\"tenancy.atrium.dev/v1alpha1\",\"kind\":\"Workspace\","
        + "\"metadata\":{\"name\":\""
        + name
        + "\"}}";
  }

  static long revision(Api.Resp created) {
    return Long.parseLong(created.json().path("metadata").path("resourceVersion").asText());
  }

  /** The current revision, from a list. */
  static long listRevision(Api api, HubProcess hub) {
    Api.Resp r = api.get(hub, CONFIGMAPS + "?limit=1");
    assertEquals(200, r.code(), r.body());
    return Long.parseLong(r.json().path("metadata").path("resourceVersion").asText());
  }

  static void awaitReady(Api api, List<HubProcess> hubs, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (HubProcess hub : hubs) {
      while (!api.ready(hub)) {
        if (!hub.alive()) {
          fail(hub + " exited:\n" + tail(hub.logText()));
        }
        if (System.nanoTime() > deadline) {
          fail(hub + " not ready after " + seconds + " s:\n" + tail(hub.logText()));
        }
        Thread.sleep(200);
      }
    }
  }

  static String tail(String text) {
    return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
  }

  /** One watch event: type, name, revision, arrival. */
  record Event(String type, String name, long revision, long nanos) {}

  /**
   * Events of a watch until it ends; returns them and whether it ended cleanly (true), broke
   * (false); stops waiting when {@code until} holds or after {@code seconds}.
   */
  static boolean collect(
      Api.Watch watch, List<Event> into, long seconds, java.util.function.BooleanSupplier until)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && !until.getAsBoolean()) {
      Api.Line line = watch.lines.poll(50, TimeUnit.MILLISECONDS);
      if (line == null) {
        continue;
      }
      if (line.terminal()) {
        if (line.text().startsWith(Api.Line.FAILED)) {
          System.out.println("watch broke: " + line.text());
        }
        return line.text().equals(Api.Line.END);
      }
      JsonNode event = Api.JSON.readTree(line.text());
      String type = event.path("type").asText();
      if (type.equals("ERROR")) {
        fail("watch ERROR event: " + line.text());
      }
      JsonNode meta = event.path("object").path("metadata");
      into.add(
          new Event(
              type,
              meta.path("name").asText(),
              Long.parseLong(meta.path("resourceVersion").asText()),
              line.nanos()));
    }
    return true;
  }

  /** Revisions strictly increase and no object's event comes twice. */
  static void assertOrderedWithoutDuplicates(List<Event> events) {
    long last = 0;
    for (Event e : events) {
      if (e.revision() <= last) {
        fail("event " + e + " after revision " + last + ": out of order or repeated");
      }
      last = e.revision();
    }
  }

  /** Writes configmaps through one replica until stopped; records what was acknowledged. */
  static final class Writer extends Thread {
    final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    final Map<String, Long> ackNanos = new ConcurrentHashMap<>();
    final List<Api.Resp> failures = Collections.synchronizedList(new ArrayList<>());
    final AtomicBoolean stop = new AtomicBoolean();
    private final Api api;
    private final String prefix;
    private final long pauseMillis;
    private final int limit;
    volatile HubProcess target;
    volatile long firstFailureNanos;
    volatile long lastFailureNanos;
    volatile long firstSuccessAfterFailureNanos;

    Writer(Api api, HubProcess target, String prefix, long pauseMillis, int limit) {
      super("writer-" + prefix);
      setDaemon(true);
      this.api = api;
      this.target = target;
      this.prefix = prefix;
      this.pauseMillis = pauseMillis;
      this.limit = limit;
    }

    @Override
    public void run() {
      for (int i = 0; i < limit && !stop.get(); i++) {
        String name = prefix + "-" + i;
        Api.Resp r = api.post(target, CONFIGMAPS, configMap(name));
        long now = System.nanoTime();
        if (r.code() == 201) {
          acknowledged.put(name, revision(r));
          ackNanos.put(name, now);
          if (firstFailureNanos != 0 && firstSuccessAfterFailureNanos == 0) {
            firstSuccessAfterFailureNanos = now;
          }
        } else {
          failures.add(r);
          if (firstFailureNanos == 0) {
            firstFailureNanos = now;
          }
          lastFailureNanos = now;
        }
        if (pauseMillis > 0) {
          try {
            Thread.sleep(pauseMillis);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    void finish() throws InterruptedException {
      stop.set(true);
      join(60_000);
    }
  }

  static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** Prints a measurement and appends it to target/ha-measurements.txt. */
  static void measured(String line) {
    String text = "HA-MEASURE " + line;
    System.out.println(text);
    try {
      Files.writeString(
          Path.of("target", "ha-measurements.txt"),
          java.time.Instant.now() + " " + text + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // printed anyway
    }
  }

  /** Remembers a failed test, so the files are kept for a look. */
  static final class FailureWatcher implements org.junit.jupiter.api.extension.TestWatcher {
    private static final java.util.Set<Class<?>> FAILED = ConcurrentHashMap.newKeySet();

    @Override
    public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable e) {
      context.getTestClass().ifPresent(FAILED::add);
    }

    static boolean failed(Class<?> testClass) {
      return FAILED.contains(testClass);
    }
  }

  /** A temporary directory PostgreSQL's user may enter (its own directories are below). */
  static Path tempRoot(String prefix) throws IOException {
    Path root = Files.createTempDirectory(prefix);
    Files.setPosixFilePermissions(
        root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    return root;
  }

  static void deleteTree(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
