package dev.atrium.hub.storage.postgres;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * Gauges of this replica's change feed: the revision it has read, the newest revision in the change
 * log (sampled each catch-up tick), how far behind it is and how long since it last read.
 */
final class FeedMetrics {

  private FeedMetrics() {}

  static void register(PgWatchHub hub) {
    MeterRegistry r = Metrics.globalRegistry;
    Gauge.builder("atrium_change_feed_revision", hub, PgWatchHub::feedRevision)
        .description("Last change-log revision this replica's change feed has read")
        .register(r);
    Gauge.builder("atrium_change_feed_head_revision", hub, PgWatchHub::headRevision)
        .description("Newest change-log revision at the last periodic check")
        .register(r);
    Gauge.builder(
            "atrium_change_feed_lag_revisions",
            hub,
            h -> Math.max(0, h.headRevision() - h.feedRevision()))
        .description("Revisions committed but not yet read by this replica's change feed")
        .register(r);
    Gauge.builder("atrium_change_feed_last_read_age_seconds", hub, PgWatchHub::secondsSinceFetch)
        .description("Seconds since this replica's change feed last read the change log")
        .register(r);
  }
}
