package dev.atrium.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code apis-watch-N}: a provider exports a CRD, N workspaces bind it, the provider watches every
 * instance through its view ({@code /services/apiexport/...}); custom resources are then created in
 * the binders at a paced rate and each create's acknowledgement is timed to its event on the
 * provider's watch.
 */
final class ApiScenarios {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubClient hub;
  private final String run = Long.toString(System.currentTimeMillis() % 100000, 36);

  ApiScenarios(HubClient hub) {
    this.hub = hub;
  }

  void providerWatch(int binders, int events, int ratePerSecond) throws Exception {
    String root = "root:apis-" + run;
    create("/apis/tenancy.atrium.dev/v1alpha1/workspaces", workspace("apis-" + run));
    ready("root", "apis-" + run);
    String provider = root + ":prov";
    create("/clusters/" + root + "/apis/tenancy.atrium.dev/v1alpha1/workspaces", workspace("prov"));
    ready(root, "prov");
    create(
        "/clusters/" + provider + "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd());
    Thread.sleep(1500);
    create(
        "/clusters/" + provider + "/apis/apis.atrium.dev/v1alpha1/apiexports",
        "{\"apiVersion\":\"apis.atrium.dev/v1alpha1\",\"kind\":\"APIExport\",\"metadata\":{\"name\":\"probes\"},"
            + "\"spec\":{\"resources\":[{\"group\":\"bench.apis.example.com\",\"resource\":\"probes\"}]}}");
    long t0 = System.nanoTime();
    List<String> paths = bindAll(root, provider, binders);
    System.out.printf(
        "apis-watch: %d workspaces bound in %.1f s%n",
        paths.size(), (System.nanoTime() - t0) / 1e9);
    String view =
        "/services/apiexport/"
            + provider
            + "/probes/clusters/*/apis/bench.apis.example.com/v1/probes";
    String rv =
        JSON.readTree(hub.get(view).body()).path("metadata").path("resourceVersion").asText();
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> seen = new ConcurrentHashMap<>();
    Thread watcher =
        new Thread(
            () -> {
              try {
                hub.stream(view + "?watch=true&resourceVersion=" + rv)
                    .body()
                    .forEach(
                        line -> {
                          long now = System.nanoTime();
                          try {
                            JsonNode e = JSON.readTree(line);
                            JsonNode meta = e.path("object").path("metadata");
                            seen.putIfAbsent(
                                meta.path("annotations").path("atrium.dev/path").asText()
                                    + "/"
                                    + meta.path("name").asText(),
                                now);
                          } catch (Exception ex) {
                            System.err.println("bad line " + line);
                          }
                        });
              } catch (Exception e) {
                System.err.println("provider watch: " + e);
              }
            });
    watcher.setDaemon(true);
    watcher.start();
    Thread.sleep(500);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long interval = 1_000_000_000L / ratePerSecond;
    long start = System.nanoTime();
    for (int i = 0; i < events; i++) {
      long wait = start + i * interval - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String path = paths.get(i % paths.size());
      String name = "p" + i;
      pool.submit(
          () -> {
            long sent = System.nanoTime();
            int code =
                hub.send(
                    "POST",
                    "/clusters/"
                        + path
                        + "/apis/bench.apis.example.com/v1/namespaces/default/probes",
                    "{\"apiVersion\":\"bench.apis.example.com/v1\",\"kind\":\"Probe\",\"metadata\":{\"name\":\""
                        + name
                        + "\"},\"spec\":{}}");
            if (code == 201) {
              created.put(path + "/" + name, sent);
            } else {
              System.err.println("create " + path + "/" + name + ": " + code);
            }
            return null;
          });
    }
    pool.shutdown();
    pool.awaitTermination(2, TimeUnit.MINUTES);
    long end = System.currentTimeMillis() + 30_000;
    while (!seen.keySet().containsAll(created.keySet()) && System.currentTimeMillis() < end) {
      Thread.sleep(100);
    }
    long[] samples =
        created.entrySet().stream()
            .filter(e -> seen.containsKey(e.getKey()))
            .mapToLong(e -> Math.max(0, seen.get(e.getKey()) - e.getValue()))
            .toArray();
    System.out.printf(
        "apis-watch-%d: create -> provider watch event %s (missing %d)%n",
        binders, new Stats(samples).summary(), created.size() - samples.length);
  }

  private List<String> bindAll(String root, String provider, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "b" + i;
      futures.add(
          pool.submit(
              () -> {
                create(
                    "/clusters/" + root + "/apis/tenancy.atrium.dev/v1alpha1/workspaces",
                    workspace(name));
                ready(root, name);
                String path = root + ":" + name;
                create(
                    "/clusters/" + path + "/apis/apis.atrium.dev/v1alpha1/apibindings",
                    "{\"apiVersion\":\"apis.atrium.dev/v1alpha1\",\"kind\":\"APIBinding\",\"metadata\":{\"name\":\"probes\"},"
                        + "\"spec\":{\"reference\":{\"export\":{\"path\":\""
                        + provider
                        + "\",\"name\":\"probes\"}}}}");
                for (int t = 0; t < 600; t++) {
                  JsonNode b =
                      JSON.readTree(
                          hub.get(
                                  "/clusters/"
                                      + path
                                      + "/apis/apis.atrium.dev/v1alpha1/apibindings/probes")
                              .body());
                  if ("Bound".equals(b.path("status").path("phase").asText())) {
                    return path;
                  }
                  Thread.sleep(100);
                }
                throw new IllegalStateException(path + " never Bound");
              }));
    }
    List<String> paths = new ArrayList<>();
    for (Future<String> f : futures) {
      paths.add(f.get());
    }
    pool.shutdown();
    return paths;
  }

  private void create(String path, String body) throws Exception {
    int code = hub.exchange("POST", path, body).statusCode();
    if (code != 201 && code != 409) {
      throw new IllegalStateException("POST " + path + ": " + code);
    }
  }

  private void ready(String parent, String name) throws Exception {
    for (int i = 0; i < 400; i++) {
      JsonNode ws =
          JSON.readTree(
              hub.get(
                      "/clusters/"
                          + parent
                          + "/apis/tenancy.atrium.dev/v1alpha1/workspaces/"
                          + name)
                  .body());
      if ("Ready".equals(ws.path("status").path("phase").asText())) {
        return;
      }
      Thread.sleep(25);
    }
    throw new IllegalStateException(parent + ":" + name + " never Ready");
  }

  private static String workspace(String name) {
    return "{\"apiVersion\":\"tenancy.atrium.dev/v1alpha1\",\"kind\":\"Workspace\",\"metadata\":{\"name\":\""
        + name
        + "\"}}";
  }

  private static String crd() {
    return "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\","
        + "\"metadata\":{\"name\":\"probes.bench.apis.example.com\"},\"spec\":{\"group\":\"bench.apis.example.com\","
        + "\"scope\":\"Namespaced\",\"names\":{\"plural\":\"probes\",\"singular\":\"probe\",\"kind\":\"Probe\"},"
        + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,"
        + "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}}]}}";
  }
}
