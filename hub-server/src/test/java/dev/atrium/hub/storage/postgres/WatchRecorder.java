package dev.atrium.hub.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.WatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link WatchListener} that queues what it gets, for blocking assertions in tests. */
final class WatchRecorder implements WatchListener {

  static final Duration WAIT = Duration.ofSeconds(10);

  private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<StorageException> error = new CompletableFuture<>();
  private final AtomicLong progress = new AtomicLong(-1);
  private final AtomicLong callThread = new AtomicLong();
  private volatile boolean concurrentCall;

  @Override
  public void onEvent(WatchEvent event) {
    enter();
    events.add(event);
    leave();
  }

  @Override
  public void onProgress(long revision) {
    enter();
    progress.accumulateAndGet(revision, Math::max);
    leave();
  }

  @Override
  public void onError(StorageException e) {
    error.complete(e);
  }

  private void enter() {
    if (!callThread.compareAndSet(0, Thread.currentThread().getId())) {
      concurrentCall = true;
    }
  }

  private void leave() {
    callThread.set(0);
  }

  /** The next {@code n} events, failing if they do not all arrive within {@link #WAIT}. */
  List<WatchEvent> take(int n) {
    return take(n, WAIT);
  }

  List<WatchEvent> take(int n, Duration wait) {
    List<WatchEvent> taken = new ArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (taken.size() < n) {
        long left = deadline - System.nanoTime();
        WatchEvent event = events.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
        if (event == null) {
          fail("got " + taken.size() + " of " + n + " events in " + wait + ": " + describe(taken));
        }
        taken.add(event);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    assertNoConcurrentCalls();
    return taken;
  }

  WatchEvent takeOne() {
    return take(1).get(0);
  }

  /** Asserts that nothing more arrives within {@code quiet}. */
  void assertNoMore(Duration quiet) {
    try {
      WatchEvent extra = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
      assertNull(extra, () -> "unexpected event " + describe(List.of(extra)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits until the watch reports progress at or beyond {@code revision}. */
  void awaitProgress(long revision) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (progress.get() < revision) {
      if (System.nanoTime() > deadline) {
        fail("no progress to " + revision + " (at " + progress.get() + ")");
      }
      sleep(10);
    }
  }

  long progress() {
    return progress.get();
  }

  /** The error the watch ended with, failing if it does not end within {@link #WAIT}. */
  StorageException awaitError() {
    try {
      StorageException e = error.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(e);
      return e;
    } catch (Exception e) {
      throw new AssertionError("watch did not fail within " + WAIT, e);
    }
  }

  boolean failed() {
    return error.isDone();
  }

  void assertNoConcurrentCalls() {
    assertEquals(false, concurrentCall, "listener was called concurrently");
  }

  static String describe(List<WatchEvent> events) {
    StringBuilder out = new StringBuilder("[");
    for (WatchEvent e : events) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append(e.type())
          .append(' ')
          .append(e.object().key().name())
          .append('@')
          .append(e.revision());
    }
    return out.append(']').toString();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
