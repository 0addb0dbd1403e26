package dev.atrium.agent.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FairQueueTest {

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final FairQueue<String> queue =
      new FairQueue<>(
          k -> k.substring(0, k.indexOf('/')),
          new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), () -> 0.999),
          timer);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  private String takeDone() throws InterruptedException {
    String k = queue.take();
    queue.done(k);
    return k;
  }

  @Test
  void servesWorkspacesRoundRobinSoAFloodDoesNotStarveOthers() throws InterruptedException {
    for (int i = 0; i < 1000; i++) {
      queue.add("busy/" + i);
    }
    queue.add("quiet/a");
    queue.add("other/b");
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      first.add(takeDone());
    }
    assertEquals(List.of("busy/0", "quiet/a", "other/b"), first);
  }

  @Test
  void eachWorkspaceIsFifo() throws InterruptedException {
    queue.add("w/1");
    queue.add("w/2");
    queue.add("w/3");
    assertEquals("w/1", takeDone());
    assertEquals("w/2", takeDone());
    assertEquals("w/3", takeDone());
  }

  @Test
  void deduplicatesQueuedKeys() throws InterruptedException {
    queue.add("w/1");
    queue.add("w/1");
    queue.add("w/2");
    queue.add("w/1");
    assertEquals(2, queue.size());
    assertEquals("w/1", takeDone());
    assertEquals("w/2", takeDone());
    assertEquals(0, queue.size());
  }

  @Test
  void aKeyAddedWhileProcessingIsRequeuedOnlyAfterDone() throws InterruptedException {
    queue.add("w/1");
    String k = queue.take();
    queue.add("w/1");
    queue.add("w/2");
    assertEquals("w/2", queue.take()); // w/1 is not handed to a second worker
    queue.done("w/2");
    queue.done(k);
    assertEquals("w/1", takeDone());
  }

  @Test
  void retriesBackOffExponentiallyPerKeyAndForgetResets() {
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      delays.add(queue.retry("w/x").toMillis());
    }
    assertEquals(List.of(9L, 19L, 39L, 79L, 159L, 319L, 639L, 999L, 999L), delays);
    assertEquals(10L - 1, queue.retry("w/y").toMillis());
    queue.forget("w/x");
    assertEquals(0, queue.failures("w/x"));
    assertEquals(9L, queue.retry("w/x").toMillis());
  }

  @Test
  void retriedKeyComesBackAfterItsDelay() throws InterruptedException {
    long t0 = System.nanoTime();
    queue.retry("w/r");
    queue.retry("w/r"); // second failure: ~20 ms
    assertEquals("w/r", takeDone());
    assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(9).toNanos());
  }

  @Test
  void shutdownWakesWorkers() throws InterruptedException {
    Thread t =
        new Thread(
            () -> {
              try {
                assertNull(queue.take());
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
            });
    t.start();
    Thread.sleep(50);
    queue.shutdown();
    t.join(2000);
    assertTrue(!t.isAlive());
  }

  @Test
  void aBurstOfCoalescedAddsBecomesOneEntryAfterTheDelay() throws InterruptedException {
    long t0 = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      queue.addCoalesced("w/s", Duration.ofMillis(40));
    }
    queue.addCoalesced("w/t", Duration.ofMillis(40));
    assertEquals(0, queue.size(), "nothing queued before the delay");
    assertFalse(queue.idle(), "a pending coalesced add is work");
    assertEquals("w/s", takeDone());
    assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(40).toNanos());
    assertEquals("w/t", takeDone());
    assertEquals(0, queue.size());
    assertTrue(queue.idle());
  }

  @Test
  void aCoalescedAddOfAQueuedKeyAddsNothing() throws InterruptedException {
    queue.add("w/q");
    queue.addCoalesced("w/q", Duration.ofMillis(10));
    assertEquals("w/q", takeDone());
    Thread.sleep(50);
    assertEquals(0, queue.size());
    assertTrue(queue.idle());
  }

  @Test
  void aCoalescedAddWhileAWorkerHoldsTheKeyComesBackAfterDone() throws InterruptedException {
    queue.add("w/h");
    String k = queue.take();
    queue.addCoalesced("w/h", Duration.ofMillis(5));
    Thread.sleep(50);
    assertEquals(1, queue.size(), "queued again, but not handed out while held");
    queue.done(k);
    assertEquals("w/h", takeDone());
  }

  @Test
  void recordsHowLongKeysWaited() throws InterruptedException {
    queue.add("w/1");
    queue.add("w/2");
    Thread.sleep(20);
    takeDone();
    takeDone();
    Timings.Summary waits = queue.waits().drain();
    assertEquals(2, waits.count());
    assertTrue(waits.p50() >= 20, "waited at least 20 ms: " + waits);
    assertEquals(0, queue.waits().drain().count(), "drain resets");
  }
}
