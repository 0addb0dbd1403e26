package dev.atrium.hub.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * kube-apiserver's request metrics ({@code apiserver_request_total}, {@code
 * apiserver_request_duration_seconds}) and one structured log line per request.
 */
@ApplicationScoped
public class RequestMetrics {

  private static final Logger LOG = Logger.getLogger("atrium.request");

  @Inject MeterRegistry registry;

  void track(RoutingContext ctx, RequestInfo info) {
    long start = System.nanoTime();
    ctx.addEndHandler(v -> record(ctx, info, System.nanoTime() - start));
  }

  private void record(RoutingContext ctx, RequestInfo info, long nanos) {
    int code = ctx.response().getStatusCode();
    Tags tags =
        Tags.of(
            "verb", verb(info),
            "group", info.group(),
            "version", info.version(),
            "resource", info.resource(),
            "subresource", info.subresource(),
            "code", Integer.toString(code),
            "workspace", workspaceClass(info.cluster()));
    Counter.builder("apiserver_request_total").tags(tags).register(registry).increment();
    Timer.builder("apiserver_request_duration_seconds")
        .tags(tags.and("component", "apiserver"))
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos(nanos));
    if (LOG.isInfoEnabled()) {
      LOG.infof(
          "verb=%s resource=%s namespace=%s name=%s workspace=%s user=%s code=%d latency_ms=%.2f",
          verb(info),
          info.resource().isEmpty() ? info.path() : info.resource(),
          info.namespace(),
          info.name(),
          info.cluster(),
          ctx.get("atrium.user") == null ? "-" : ctx.get("atrium.user"),
          code,
          nanos / 1e6);
    }
  }

  static String verb(RequestInfo info) {
    if (!info.resourceRequest()) {
      return info.verb().toUpperCase();
    }
    switch (info.verb()) {
      case "create":
        return "POST";
      case "update":
        return "PUT";
      default:
        return info.verb().toUpperCase();
    }
  }

  /** Keeps the workspace label low-cardinality: root, tenant (any child) or wildcard. */
  static String workspaceClass(String cluster) {
    if (cluster.equals(RequestInfo.ROOT)) {
      return "root";
    }
    return cluster.equals("*") ? "wildcard" : "tenant";
  }
}
