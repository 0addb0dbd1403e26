package dev.atrium.agent.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void jitterStaysBetweenHalfAndFull() {
    Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.0);
    Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.9999);
    assertEquals(200, low.delay(2).toMillis());
    assertTrue(high.delay(2).toMillis() >= 399);
  }

  @Test
  void capsAtMaxAndNeverOverflows() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.0);
    assertEquals(15_000, b.delay(20).toMillis());
    assertEquals(15_000, b.delay(Integer.MAX_VALUE).toMillis());
  }
}
