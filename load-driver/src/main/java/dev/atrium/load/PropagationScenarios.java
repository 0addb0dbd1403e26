package dev.atrium.load;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Propagation scenarios: one ClusterRole labelled {@code policy.atrium.dev/propagate} fanned out
 * into N descendant workspaces (time until every copy exists, hub CPU per copy), and N propagated
 * ClusterRoles at root for the workspace scenarios that follow (each new workspace inherits them).
 */
final class PropagationScenarios {

  private static final String ROLES = "/apis/rbac.authorization.k8s.io/v1/clusterroles";
  private final HubClient hub;
  private final String run = Long.toString(System.currentTimeMillis() % 100000, 36);

  PropagationScenarios(HubClient hub) {
    this.hub = hub;
  }

  private static String role(String name, boolean propagate) {
    return "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\","
        + "\"metadata\":{\"name\":\""
        + name
        + "\""
        + (propagate ? ",\"labels\":{\"policy.atrium.dev/propagate\":\"true\"}" : "")
        + "},\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"],"
        + "\"verbs\":[\"get\",\"list\"]}]}";
  }

  /**
   * {@code propagation-fanout-N}: a workspace with N descendants (teams of 100 workspaces each,
   * created closed loop), then one propagated ClusterRole in it; measures from its create until a
   * wildcard watch of the copies has seen N of them, and the same for its deletion.
   */
  void fanOut(int descendants) throws Exception {
    String parent = "pfan" + run;
    String path = "root:" + parent;
    int teams = Math.max(1, descendants / 100);
    int leaves = descendants / teams - 1;
    long t0 = System.nanoTime();
    create(List.of("root"), List.of(parent));
    List<String> teamNames = new ArrayList<>();
    for (int t = 0; t < teams; t++) {
      teamNames.add("team" + t);
    }
    create(List.of(path), teamNames);
    List<String> teamPaths = teamNames.stream().map(t -> path + ":" + t).toList();
    List<String> leafNames = new ArrayList<>();
    for (int l = 0; l < leaves; l++) {
      leafNames.add("ws" + l);
    }
    create(teamPaths, leafNames);
    int total = teams + teams * leaves;
    System.out.printf(
        "propagation tree: %d descendants of %s created in %.1fs%n",
        total, path, (System.nanoTime() - t0) / 1e9);
    Thread.sleep(5000);

    String origin = path.replace(':', '_');
    int rounds = Integer.getInteger("propagation.rounds", 3);
    List<Double> adds = new ArrayList<>();
    List<Double> removes = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      double[] r = fanOutOnce(path, origin, "fanout" + round, total);
      adds.add(r[0]);
      removes.add(r[1]);
    }
    adds.sort(null);
    removes.sort(null);
    System.out.printf(
        "propagation fan-out into %d workspaces, median of %d: copies %.2fs, removal %.2fs%n",
        total, rounds, adds.get(rounds / 2), removes.get(rounds / 2));
  }

  /** One source created and deleted again: seconds until all copies exist, and until all gone. */
  private double[] fanOutOnce(String path, String origin, String name, int total) throws Exception {
    String watchPath =
        "/clusters/*"
            + ROLES
            + "?watch=1&labelSelector=policy.atrium.dev%2Forigin%3D"
            + origin
            + "&fieldSelector=metadata.name%3D"
            + name
            + "&timeoutSeconds=600&resourceVersion="
            + currentRevision();
    AtomicInteger added = new AtomicInteger();
    AtomicInteger deleted = new AtomicInteger();
    long[] lastAdded = new long[1];
    long[] lastDeleted = new long[1];
    ExecutorService reader = Executors.newSingleThreadExecutor();
    Future<?> watching =
        reader.submit(
            () -> {
              HttpResponse<Stream<String>> r = hub.stream(watchPath);
              Iterator<String> lines = r.body().iterator();
              while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("{\"type\":\"ADDED\"")) {
                  lastAdded[0] = System.nanoTime();
                  added.incrementAndGet();
                } else if (line.startsWith("{\"type\":\"DELETED\"")) {
                  lastDeleted[0] = System.nanoTime();
                  deleted.incrementAndGet();
                }
              }
              return null;
            });
    Thread.sleep(500);
    long cpu0 = hubCpuMillis();
    long start = System.nanoTime();
    int code = hub.send("POST", "/clusters/" + path + ROLES, role(name, true));
    if (code != 201) {
      throw new IllegalStateException("source create -> " + code);
    }
    waitFor(added, total, 120_000);
    double seconds = (lastAdded[0] - start) / 1e9;
    long cpu = hubCpuMillis() - cpu0;
    System.out.printf(
        "propagation fan-out: %d of %d copies in %.2fs after the source's create (%.0f copies/s)"
            + "%s%n",
        added.get(),
        total,
        seconds,
        added.get() / seconds,
        cpu < 0
            ? ""
            : String.format(
                "; hub CPU %.0f ms = %.3f ms per copy",
                (double) cpu, (double) cpu / Math.max(1, added.get())));
    Thread.sleep(3000);
    cpu0 = hubCpuMillis();
    start = System.nanoTime();
    code = hub.send("DELETE", "/clusters/" + path + ROLES + "/" + name, null);
    if (code != 200) {
      throw new IllegalStateException("source delete -> " + code);
    }
    waitFor(deleted, total, 120_000);
    double removal = (lastDeleted[0] - start) / 1e9;
    cpu = hubCpuMillis() - cpu0;
    System.out.printf(
        "propagation removal: %d of %d copies gone in %.2fs after the source's delete%s%n",
        deleted.get(),
        total,
        removal,
        cpu < 0
            ? ""
            : String.format(
                "; hub CPU %.3f ms per copy", (double) cpu / Math.max(1, deleted.get())));
    watching.cancel(true);
    reader.shutdownNow();
    Thread.sleep(3000);
    return new double[] {seconds, removal};
  }

  /** {@code policies-N}: N propagated ClusterRoles at root, inherited by every new workspace. */
  void policies(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      int code = hub.send("POST", "/clusters/root" + ROLES, role("bench-policy-" + i, true));
      if (code != 201 && code != 409) {
        throw new IllegalStateException("policy create -> " + code);
      }
    }
    System.out.printf("policies: %d propagated ClusterRoles at root%n", n);
    Thread.sleep(2000);
  }

  private long currentRevision() throws Exception {
    String body = hub.get("/clusters/root" + ROLES + "?limit=1").body();
    int i = body.indexOf("\"resourceVersion\":\"");
    int from = i + "\"resourceVersion\":\"".length();
    return Long.parseLong(body.substring(from, body.indexOf('"', from)));
  }

  private static void waitFor(AtomicInteger counter, int n, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    while (counter.get() < n && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
  }

  /** User + system CPU of the hub's JVM ({@code -Dhub.pid}), or -1. */
  private static long hubCpuMillis() {
    String pid = System.getProperty("hub.pid");
    if (pid == null || pid.isEmpty()) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (Exception e) {
      return -1;
    }
  }

  /** Creates every name under every parent, 16 clients, and waits until all are Ready. */
  private void create(List<String> parents, List<String> names) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<?>> futures = new ArrayList<>();
    for (String name : names) {
      for (String parent : parents) {
        futures.add(
            pool.submit(
                () -> {
                  String body =
                      "{\"apiVersion\":\"tenancy.atrium.dev/v1alpha1\",\"kind\":\"Workspace\","
                          + "\"metadata\":{\"name\":\""
                          + name
                          + "\"}}";
                  int code;
                  do {
                    code =
                        hub.send(
                            "POST",
                            "/clusters/" + parent + "/apis/tenancy.atrium.dev/v1alpha1/workspaces",
                            body);
                    if (code == 429) {
                      Thread.sleep(100);
                    }
                  } while (code == 429);
                  if (code != 201) {
                    throw new IllegalStateException(
                        "create " + parent + ":" + name + " -> " + code);
                  }
                  return null;
                }));
      }
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    // Ready: the parent of the next level must be Ready before its children are created
    for (String parent : parents) {
      for (String name : names) {
        String ws = "/clusters/" + parent + "/apis/tenancy.atrium.dev/v1alpha1/workspaces/" + name;
        for (int i = 0; i < 600; i++) {
          if (hub.get(ws).body().contains("\"phase\":\"Ready\"")) {
            break;
          }
          Thread.sleep(50);
        }
      }
    }
  }
}
