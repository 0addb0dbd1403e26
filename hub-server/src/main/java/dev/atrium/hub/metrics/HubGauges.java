package dev.atrium.hub.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.registry.LogicalClusters;
import dev.atrium.hub.registry.sync.SyncTargetIndex;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.workload.Workload;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gauges of the hub's contents: {@code atrium_workspaces{phase}} and {@code
 * atrium_sync_targets{health}} from the in-memory indexes (evaluated at scrape time), and {@code
 * apiserver_storage_objects{resource}} from a periodic count of the stored objects per resource
 * ({@code atrium.metrics.storage-objects-interval}, default 30 s; 0 disables it). The resource
 * label is {@code <resource>.<group>} as kube-apiserver prints it ({@code configmaps}, {@code
 * deployments.apps}).
 */
@ApplicationScoped
public class HubGauges {

  static final String HEALTHY = "healthy";
  static final String UNHEALTHY = "unhealthy";
  static final String UNKNOWN = "unknown";
  private static final String COUNT_SQL =
      "SELECT grp, res, count(*) FROM atrium_objects GROUP BY grp, res";
  private static final Logger LOG = Logger.getLogger(HubGauges.class);

  @Inject MeterRegistry registry;
  @Inject LogicalClusters workspaces;
  @Inject SyncTargetIndex syncTargets;
  @Inject Pool pool;
  @Inject Vertx vertx;

  @ConfigProperty(name = "atrium.metrics.storage-objects-interval", defaultValue = "30s")
  java.time.Duration interval;

  private final Map<String, AtomicLong> storageObjects = new ConcurrentHashMap<>();
  private long timer = -1;

  void start(@Observes StartupEvent event) {
    for (String phase :
        List.of(
            Tenancy.PHASE_SCHEDULING,
            Tenancy.PHASE_INITIALIZING,
            Tenancy.PHASE_READY,
            Tenancy.PHASE_TERMINATING)) {
      Gauge.builder("atrium_workspaces", workspaces, w -> w.countInPhase(phase))
          .description("Workspaces known to this replica, by phase")
          .tag("phase", phase)
          .register(registry);
    }
    for (String health : List.of(HEALTHY, UNHEALTHY, UNKNOWN)) {
      Gauge.builder("atrium_sync_targets", syncTargets, t -> countHealth(t, health))
          .description("SyncTargets by their HeartbeatHealthy condition")
          .tag("health", health)
          .register(registry);
    }
    if (!interval.isZero() && !interval.isNegative()) {
      countObjects();
      timer = vertx.setPeriodic(interval.toMillis(), id -> countObjects());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  static long countHealth(SyncTargetIndex index, String health) {
    return index.all().stream().filter(t -> health(t.object().body()).equals(health)).count();
  }

  /** healthy / unhealthy from HeartbeatHealthy True / False; unknown without the condition. */
  static String health(JsonNode target) {
    for (JsonNode c : target.path("status").path("conditions")) {
      if (c.path("type").asText().equals(Workload.CONDITION_HEARTBEAT)) {
        String status = c.path("status").asText();
        if (status.equals("True")) {
          return HEALTHY;
        }
        return status.equals("False") ? UNHEALTHY : UNKNOWN;
      }
    }
    return UNKNOWN;
  }

  /** kube-apiserver's resource label: {@code resource} for the core group, else {@code r.g}. */
  static String resourceLabel(String group, String resource) {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  private void countObjects() {
    pool.query(COUNT_SQL)
        .execute()
        .subscribe()
        .with(
            rows -> {
              Map<String, Long> seen = new java.util.HashMap<>();
              for (Row row : rows) {
                seen.put(resourceLabel(row.getString(0), row.getString(1)), row.getLong(2));
              }
              storageObjects.forEach((k, v) -> v.set(seen.getOrDefault(k, 0L)));
              seen.forEach((k, v) -> gauge(k).set(v));
            },
            e -> LOG.debugf("counting stored objects failed: %s", e.getMessage()));
  }

  private AtomicLong gauge(String resource) {
    return storageObjects.computeIfAbsent(
        resource,
        r -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder("apiserver_storage_objects", value, AtomicLong::get)
              .description("Objects stored per resource, over all workspaces")
              .tag("resource", r)
              .register(registry);
          return value;
        });
  }
}
