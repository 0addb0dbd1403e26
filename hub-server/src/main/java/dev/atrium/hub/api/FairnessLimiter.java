package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.RequestInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-workspace fairness: at most {@code atrium.fairness.max-inflight-per-workspace} requests of
 * one workspace are in flight on this replica; beyond that the request gets 429 with Retry-After at
 * once, so one tenant's flood costs the others little. Watches are long-running and not counted.
 */
@ApplicationScoped
public class FairnessLimiter {

  @ConfigProperty(name = "atrium.fairness.max-inflight-per-workspace", defaultValue = "16")
  int maxInflight;

  @Inject MeterRegistry meters;

  private final ConcurrentHashMap<String, AtomicInteger> inflight = new ConcurrentHashMap<>();

  /** Admits the request (released when its response ends) or throws 429. */
  void admit(RoutingContext ctx, RequestInfo info) {
    if (maxInflight <= 0 || info.verb().equals("watch")) {
      return;
    }
    AtomicInteger counter = inflight.computeIfAbsent(info.cluster(), c -> new AtomicInteger());
    if (counter.incrementAndGet() > maxInflight) {
      counter.decrementAndGet();
      Counter.builder("apiserver_flowcontrol_rejected_requests_total")
          .tag("reason", "workspace-concurrency-limit")
          .register(meters)
          .increment();
      throw tooMany(info.cluster());
    }
    ctx.addEndHandler(v -> counter.decrementAndGet());
  }

  private static ApiException tooMany(String cluster) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("retryAfterSeconds", 1);
    return new ApiException(
        429,
        "TooManyRequests",
        "Too many requests in workspace \"" + cluster + "\", please try again later.",
        details);
  }
}
