package dev.atrium.agent.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition every 10 ms until it holds or the timeout passes (then fails, naming it). */
final class Await {

  private Await() {}

  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + ": " + what);
      }
      Thread.sleep(10);
    }
  }
}
