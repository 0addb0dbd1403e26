package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.hub.it.HubHttp.Resp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Per-workspace fair queuing over real HTTPS: one workspace floods with 64 clients (more than the
 * seats and its queue hold), which get 429 {@code Status} answers with Retry-After, and honour it
 * as client-go does; meanwhile every get of a quiet workspace is served, and the flow-control
 * metrics show the rejections.
 */
@QuarkusTest
@QuarkusTestResource(value = HubTestResource.class, restrictToAnnotatedClass = false)
class FlowControlIT {

  private static final int FLOOD_CLIENTS = 64;

  @Test
  void aFloodGets429WithRetryAfterWhileAQuietWorkspaceIsServed() throws Exception {
    HubHttp http = new HubHttp();
    String token = TestHub.adminToken();
    http.readyWorkspace(token, "root", "flood-it");
    http.readyWorkspace(token, "root", "quiet-it");
    String quietCm = "/clusters/root:quiet-it/api/v1/namespaces/default/configmaps";
    Resp created = http.post(token, quietCm, "{\"metadata\":{\"name\":\"probe\"},\"data\":{}}");
    assertTrue(created.code() == 201 || created.code() == 409, created::toString);

    // watches hold a seat only until their initial list is sent: more open watches than seats
    // leave every seat free for the gets below
    List<java.util.concurrent.BlockingQueue<String>> watches = new ArrayList<>();
    for (int i = 0; i < 3 * Runtime.getRuntime().availableProcessors() * 4; i++) {
      watches.add(http.stream(token, quietCm + "?watch=true"));
    }
    for (var events : watches) {
      String first = events.poll(30, TimeUnit.SECONDS);
      assertTrue(first != null && first.contains("\"ADDED\""), "watch's initial event: " + first);
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger served = new AtomicInteger();
    AtomicInteger throttled = new AtomicInteger();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    ExecutorService flood = Executors.newFixedThreadPool(FLOOD_CLIENTS);
    HubHttp floodHttp = new HubHttp();
    for (int c = 0; c < FLOOD_CLIENTS; c++) {
      flood.submit(
          () -> {
            while (!stop.get()) {
              HttpResponse<String> r =
                  floodHttp.getResponse(
                      token, "/clusters/root:flood-it/api/v1/namespaces/default/configmaps");
              if (r.statusCode() == 429) {
                throttled.incrementAndGet();
                String retry = r.headers().firstValue("Retry-After").orElse("");
                if (!retry.equals("1") || !r.body().contains("\"kind\":\"Status\"")) {
                  problems.add("429 without Retry-After 1 or Status: " + retry + " " + r.body());
                }
                HubHttp.pause(Long.parseLong(retry.isEmpty() ? "1" : retry) * 1000);
              } else if (r.statusCode() == 200) {
                served.incrementAndGet();
              } else {
                problems.add(r.statusCode() + " " + r.body());
              }
            }
            return null;
          });
    }
    HubHttp.pause(2000);
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long start = System.nanoTime();
      Resp r = http.get(token, quietCm + "/probe");
      millis.add((System.nanoTime() - start) / 1e6);
      assertEquals(200, r.code(), r::toString);
    }
    stop.set(true);
    flood.shutdown();
    assertTrue(flood.awaitTermination(60, TimeUnit.SECONDS));
    Collections.sort(millis);
    System.out.printf(
        "flow control: flood %d served, %d got 429; quiet get p50 %.1f ms, p99 %.1f ms%n",
        served.get(),
        throttled.get(),
        millis.get(millis.size() / 2),
        millis.get((int) Math.ceil(millis.size() * 0.99) - 1));
    assertEquals(List.of(), problems);
    assertTrue(throttled.get() > 0, "the flood got no 429");
    assertTrue(served.get() > 0, "the flood got nothing served");
    String metrics = http.get(token, "/metrics", "text/plain").body();
    assertTrue(
        metrics.contains("apiserver_flowcontrol_rejected_requests_total{")
            && metrics.contains("reason=\"queue-full\""),
        "no rejection metric");
    assertTrue(metrics.contains("apiserver_flowcontrol_current_inqueue_requests{"));
  }
}
