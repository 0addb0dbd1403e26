package dev.atrium.agent.queue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: attempt {@code n} (0-based) waits between half and all of {@code
 * min(max, base * 2^n)}.
 */
public final class Backoff {

  private final Duration base;
  private final Duration max;
  private final DoubleSupplier random;

  public Backoff(Duration base, Duration max) {
    this(base, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** {@code random} returns values in [0, 1). */
  public Backoff(Duration base, Duration max, DoubleSupplier random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  public Duration delay(int attempt) {
    long cap = max.toMillis();
    long exp = base.toMillis() << Math.min(attempt, 30);
    long full = exp <= 0 || exp > cap ? cap : exp;
    return Duration.ofMillis(full / 2 + (long) (random.getAsDouble() * (full - full / 2)));
  }

  public Duration max() {
    return max;
  }
}
