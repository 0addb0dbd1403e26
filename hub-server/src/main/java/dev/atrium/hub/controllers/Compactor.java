package dev.atrium.hub.controllers;

import dev.atrium.hub.storage.Store;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Background compaction of the change log: keeps the newest {@code atrium.compaction.retain}
 * revisions (history older than that answers 410 Expired), every {@code
 * atrium.compaction.interval-seconds}. Only the controller leader runs it (compaction is
 * idempotent, but once is enough).
 */
@ApplicationScoped
public class Compactor {

  private static final Logger LOG = Logger.getLogger(Compactor.class);

  @Inject Store store;
  @Inject Vertx vertx;
  @Inject dev.atrium.hub.storage.Leadership leadership;

  @ConfigProperty(name = "atrium.compaction.retain", defaultValue = "100000")
  long retain;

  @ConfigProperty(name = "atrium.compaction.interval-seconds", defaultValue = "10")
  long intervalSeconds;

  private long timer = -1;

  void start(@Observes StartupEvent event) {
    if (intervalSeconds > 0) {
      timer = vertx.setPeriodic(intervalSeconds * 1000, id -> compactOnce());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  void compactOnce() {
    if (!leadership.isLeader()) {
      return;
    }
    store
        .currentRevision()
        .chain(current -> store.compact(Math.max(1, current - retain)))
        .subscribe()
        .with(
            w -> LOG.debugf("compacted change log up to revision %d", w),
            f -> LOG.warnf("compaction failed: %s", f.getMessage()));
  }
}
