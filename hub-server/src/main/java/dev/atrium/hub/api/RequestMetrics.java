package dev.atrium.hub.api;

import dev.atrium.hub.request.RequestInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * kube-apiserver's request metrics ({@code apiserver_request_total}, {@code
 * apiserver_request_duration_seconds}, {@code apiserver_current_inflight_requests} by {@code
 * request_kind}, {@code apiserver_longrunning_requests} for watches) and one structured log line
 * per request.
 */
@ApplicationScoped
public class RequestMetrics {

  private static final Logger LOG = Logger.getLogger("atrium.request");

  private static final List<String> LOG_FIELDS =
      List.of("verb", "resource", "namespace", "name", "workspace", "user", "code", "latency_ms");
  private static final Set<String> READ_ONLY = Set.of("get", "list", "watch", "head", "options");

  /** kube-apiserver's buckets of apiserver_request_duration_seconds, in seconds. */
  private static final Duration[] BUCKETS =
      java.util.stream.DoubleStream.of(
              0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15,
              20, 30, 45, 60)
          .mapToObj(s -> Duration.ofNanos((long) (s * 1e9)))
          .toArray(Duration[]::new);

  @Inject MeterRegistry registry;

  @ConfigProperty(name = "quarkus.log.console.json.enabled", defaultValue = "false")
  boolean jsonLog;

  private final AtomicLong readOnlyInflight = new AtomicLong();
  private final AtomicLong mutatingInflight = new AtomicLong();
  private final Map<Tags, AtomicLong> longRunning = new ConcurrentHashMap<>();
  private volatile boolean gaugesRegistered;

  void track(RoutingContext ctx, RequestInfo info) {
    long start = System.nanoTime();
    registerGauges();
    AtomicLong gauge = longRunning(info) ? longRunningGauge(info) : inflight(info);
    gauge.incrementAndGet();
    ctx.addEndHandler(
        v -> {
          gauge.decrementAndGet();
          record(ctx, info, System.nanoTime() - start);
        });
  }

  /** Watches hold a connection open; kube-apiserver counts them apart from the in-flight limit. */
  static boolean longRunning(RequestInfo info) {
    return info.resourceRequest() && info.verb().equals("watch");
  }

  private AtomicLong inflight(RequestInfo info) {
    return READ_ONLY.contains(info.verb()) ? readOnlyInflight : mutatingInflight;
  }

  private AtomicLong longRunningGauge(RequestInfo info) {
    Tags tags =
        Tags.of(
            "verb", "WATCH",
            "group", info.group(),
            "version", info.version(),
            "resource", info.resource(),
            "subresource", info.subresource(),
            "scope", scope(info),
            "component", "apiserver");
    return longRunning.computeIfAbsent(
        tags,
        t -> {
          AtomicLong value = new AtomicLong();
          io.micrometer.core.instrument.Gauge.builder(
                  "apiserver_longrunning_requests", value, AtomicLong::get)
              .description("Long-running requests (watches) currently open")
              .tags(t)
              .register(registry);
          return value;
        });
  }

  private void registerGauges() {
    if (gaugesRegistered) {
      return;
    }
    synchronized (this) {
      if (!gaugesRegistered) {
        io.micrometer.core.instrument.Gauge.builder(
                "apiserver_current_inflight_requests", readOnlyInflight, AtomicLong::get)
            .description("Requests being served now, by kind (long-running requests excluded)")
            .tag("request_kind", "readOnly")
            .register(registry);
        io.micrometer.core.instrument.Gauge.builder(
                "apiserver_current_inflight_requests", mutatingInflight, AtomicLong::get)
            .description("Requests being served now, by kind (long-running requests excluded)")
            .tag("request_kind", "mutating")
            .register(registry);
        gaugesRegistered = true;
      }
    }
  }

  /** kube-apiserver's scope label: cluster, namespace or resource (a named object). */
  static String scope(RequestInfo info) {
    if (!info.resourceRequest()) {
      return "";
    }
    if (!info.name().isEmpty()) {
      return "resource";
    }
    return info.namespace().isEmpty() ? "cluster" : "namespace";
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
            "scope", scope(info),
            "component", "apiserver",
            "code", Integer.toString(code),
            "workspace", workspaceClass(info.cluster()));
    Counter.builder("apiserver_request_total").tags(tags).register(registry).increment();
    Timer.builder("apiserver_request_duration_seconds")
        .tags(tags)
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofNanos(nanos));
    if (LOG.isInfoEnabled()) {
      String resource = info.resource().isEmpty() ? info.path() : info.resource();
      Object user = ctx.get("atrium.user") == null ? "-" : ctx.get("atrium.user");
      if (jsonLog) {
        // the same fields as separate members of the JSON line ("mdc")
        MDC.put("verb", verb(info));
        MDC.put("resource", resource);
        MDC.put("namespace", info.namespace());
        MDC.put("name", info.name());
        MDC.put("workspace", info.cluster());
        MDC.put("user", user);
        MDC.put("code", code);
        MDC.put("latency_ms", String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6));
      }
      try {
        LOG.infof(
            "verb=%s resource=%s namespace=%s name=%s workspace=%s user=%s code=%d latency_ms=%.2f",
            verb(info),
            resource,
            info.namespace(),
            info.name(),
            info.cluster(),
            user,
            code,
            nanos / 1e6);
      } finally {
        if (jsonLog) {
          LOG_FIELDS.forEach(MDC::remove);
        }
      }
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
