package dev.atrium.hub.api.health;

import dev.atrium.hub.storage.postgres.PgWatchHub;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The named checks behind {@code /livez}, {@code /readyz} and {@code /healthz}, as kube-apiserver
 * has them: {@code ping} and {@code log} everywhere; {@code database} (a {@code SELECT 1} within 2
 * s) and {@code change-feed} (this replica's change feed is listening and read the change log in
 * the last 10 s) for readiness and health; {@code shutdown} (fails once the hub is stopping) for
 * readiness only. Liveness leaves the database out on purpose: a database outage makes replicas
 * unready, it does not restart them.
 */
@ApplicationScoped
public class HealthChecks {

  static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);
  static final long FEED_SILENCE_MILLIS = 10_000;
  private static final Logger LOG = Logger.getLogger(HealthChecks.class);

  @Inject Pool pool;
  @Inject PgWatchHub feed;
  @Inject io.micrometer.core.instrument.MeterRegistry registry;

  /** kube-apiserver's {@code kubernetes_healthcheck{name,type}}: 1 passed, 0 failed, last run. */
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> gauges =
      new java.util.concurrent.ConcurrentHashMap<>();

  private volatile boolean shuttingDown;

  /** Check names per endpoint, in the order they are reported. */
  static final Map<String, List<String>> ENDPOINTS =
      Map.of(
          "livez", List.of("ping", "log"),
          "readyz", List.of("ping", "log", "database", "change-feed", "shutdown"),
          "healthz", List.of("ping", "log", "database", "change-feed"));

  void stopping(@Observes @Priority(1) ShutdownEvent event) {
    shuttingDown = true;
  }

  /** Whether {@code path} (trailing slashes trimmed) is a health endpoint or one of its checks. */
  public static boolean handles(String path) {
    String[] parts = path.split("/");
    return parts.length >= 2
        && parts.length <= 3
        && parts[0].isEmpty()
        && ENDPOINTS.containsKey(parts[1]);
  }

  /** Answers {@code /<endpoint>} or {@code /<endpoint>/<check>}; unknown checks get 404. */
  public void handle(RoutingContext ctx, String path) {
    String[] parts = path.split("/");
    String endpoint = parts[1];
    List<String> names = ENDPOINTS.get(endpoint);
    Context context = Vertx.currentContext();
    if (parts.length == 3) {
      if (!names.contains(parts[2])) {
        end(ctx, 404, "404 page not found\n");
        return;
      }
      run(List.of(parts[2]))
          .subscribe()
          .with(
              outcomes -> onContext(context, () -> end(ctx, HealthReport.single(outcomes.get(0)))));
      return;
    }
    boolean verbose = ctx.queryParams().contains("verbose");
    List<String> exclude = new ArrayList<>();
    for (String e : ctx.queryParams().getAll("exclude")) {
      for (String name : e.split(",")) {
        if (!name.isBlank()) {
          exclude.add(name.strip());
        }
      }
    }
    List<String> toRun = names.stream().filter(n -> !exclude.contains(n)).toList();
    run(toRun)
        .subscribe()
        .with(
            outcomes -> {
              List<HealthReport.Outcome> all = new ArrayList<>();
              Map<String, HealthReport.Outcome> byName = new LinkedHashMap<>();
              outcomes.forEach(o -> byName.put(o.name(), o));
              for (String n : names) {
                all.add(byName.getOrDefault(n, new HealthReport.Outcome(n, null)));
              }
              outcomes.forEach(o -> gauge(o.name(), endpoint).set(o.passed() ? 1 : 0));
              HealthReport.Rendered r = HealthReport.render(endpoint, all, exclude, verbose);
              if (r.code() != 200) {
                LOG.infof(
                    "%s check failed: %s",
                    endpoint,
                    outcomes.stream()
                        .filter(o -> !o.passed())
                        .map(o -> o.name() + ": " + o.error())
                        .toList());
              }
              onContext(context, () -> end(ctx, r));
            });
  }

  private java.util.concurrent.atomic.AtomicInteger gauge(String name, String endpoint) {
    return gauges.computeIfAbsent(
        name + "/" + endpoint,
        k -> {
          java.util.concurrent.atomic.AtomicInteger value =
              new java.util.concurrent.atomic.AtomicInteger();
          io.micrometer.core.instrument.Gauge.builder(
                  "kubernetes_healthcheck", value, java.util.concurrent.atomic.AtomicInteger::get)
              .description("Result of the last run of a health check: 1 passed, 0 failed")
              .tag("name", name)
              .tag("type", endpoint)
              .register(registry);
          return value;
        });
  }

  /** Runs the named checks concurrently; never fails (a failure is an outcome). */
  Uni<List<HealthReport.Outcome>> run(List<String> names) {
    if (names.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<Uni<HealthReport.Outcome>> checks = new ArrayList<>();
    for (String n : names) {
      checks.add(check(n).map(error -> new HealthReport.Outcome(n, error.orElse(null))));
    }
    return Uni.join().all(checks).andCollectFailures();
  }

  private Uni<Optional<String>> check(String name) {
    switch (name) {
      case "database":
        return pool.query("SELECT 1")
            .execute()
            .ifNoItem()
            .after(DATABASE_TIMEOUT)
            .failWith(() -> new IllegalStateException("no answer within " + DATABASE_TIMEOUT))
            .map(rows -> Optional.<String>empty())
            .onFailure()
            .recoverWithItem(e -> Optional.of("database: " + e.getMessage()));
      case "change-feed":
        return now(() -> feed.unhealthy(FEED_SILENCE_MILLIS));
      case "shutdown":
        return now(
            () -> shuttingDown ? Optional.of("the server is shutting down") : Optional.empty());
      default:
        return now(Optional::empty);
    }
  }

  private static Uni<Optional<String>> now(Supplier<Optional<String>> check) {
    return Uni.createFrom().item(check);
  }

  private static void onContext(Context context, Runnable action) {
    if (context == null || Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private static void end(RoutingContext ctx, HealthReport.Rendered r) {
    end(ctx, r.code(), r.body());
  }

  private static void end(RoutingContext ctx, int code, String body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response()
        .setStatusCode(code)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(body);
  }
}
