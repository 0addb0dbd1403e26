package dev.atrium.load;

import java.util.Arrays;

/** Percentiles of latency samples in nanoseconds. */
final class Stats {

  private final long[] sorted;

  Stats(long[] samples) {
    this.sorted = samples.clone();
    Arrays.sort(sorted);
  }

  int count() {
    return sorted.length;
  }

  double percentileMillis(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  String summary() {
    return String.format(
        "n=%d p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms",
        count(),
        percentileMillis(50),
        percentileMillis(90),
        percentileMillis(99),
        percentileMillis(100));
  }
}
