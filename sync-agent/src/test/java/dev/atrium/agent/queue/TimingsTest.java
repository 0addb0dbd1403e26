package dev.atrium.agent.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimingsTest {

  @Test
  void medianP99AndMaxInMilliseconds() {
    Timings t = new Timings();
    for (int i = 100; i >= 1; i--) {
      t.record(i * 1_000_000L);
    }
    Timings.Summary s = t.drain();
    assertEquals(100, s.count());
    assertEquals(50.0, s.p50());
    assertEquals(99.0, s.p99());
    assertEquals(100.0, s.max());
  }

  @Test
  void anEmptyIntervalSaysSo() {
    assertEquals("n=0", new Timings().drain().toString());
  }
}
