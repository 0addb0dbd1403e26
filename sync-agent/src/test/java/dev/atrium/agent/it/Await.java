package dev.atrium.agent.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or the timeout passes (then fails, naming it). */
final class Await {

  private Await() {}

  /** Every 10 ms. */
  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    await(what, timeout, Duration.ofMillis(10), condition);
  }

  static void await(String what, Duration timeout, Duration every, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + ": " + what);
      }
      Thread.sleep(every.toMillis());
    }
  }
}
