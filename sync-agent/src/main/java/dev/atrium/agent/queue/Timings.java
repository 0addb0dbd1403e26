package dev.atrium.agent.queue;

import java.util.Arrays;

/**
 * Durations of one kind of step (queue wait, apply, status write), collected between two {@link
 * #drain} calls: the agent logs their median, p99 and maximum, which is how the benchmark tells
 * queueing from slow requests. Thread-safe; keeps at most {@link #CAPACITY} samples per interval (a
 * uniform prefix beyond that is enough for the log line).
 */
public final class Timings {

  static final int CAPACITY = 100_000;

  /**
   * One interval's figures in milliseconds.
   *
   * @param count samples recorded (also those beyond the capacity)
   */
  public record Summary(long count, double p50, double p99, double max) {

    @Override
    public String toString() {
      return count == 0
          ? "n=0"
          : String.format("n=%d p50=%.1fms p99=%.1fms max=%.1fms", count, p50, p99, max);
    }
  }

  private long[] samples = new long[1024];
  private int size;
  private long count;

  public synchronized void record(long nanos) {
    count++;
    if (size == CAPACITY) {
      return;
    }
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, Math.min(CAPACITY, size * 2));
    }
    samples[size++] = nanos;
  }

  /** The figures since the last drain; resets. */
  public Summary drain() {
    long[] copy;
    long n;
    synchronized (this) {
      copy = Arrays.copyOf(samples, size);
      n = count;
      size = 0;
      count = 0;
    }
    if (copy.length == 0) {
      return new Summary(n, 0, 0, 0);
    }
    Arrays.sort(copy);
    return new Summary(n, ms(at(copy, 0.50)), ms(at(copy, 0.99)), ms(copy[copy.length - 1]));
  }

  private static long at(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
