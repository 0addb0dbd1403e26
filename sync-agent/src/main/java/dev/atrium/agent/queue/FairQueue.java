package dev.atrium.agent.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A de-duplicating work queue with one FIFO per tenant (workspace), served round-robin.
 *
 * <p>Semantics as client-go's workqueue: a key added while queued is queued once; a key added while
 * a worker holds it is queued again when the worker calls {@link #done}; a key is never held by two
 * workers. {@link #retry} re-adds after a per-key exponential backoff, {@link #forget} resets it.
 */
public final class FairQueue<K> {

  private final Function<K, String> tenantOf;
  private final Backoff backoff;
  private final ScheduledExecutorService timer;

  private final Map<String, ArrayDeque<K>> fifos = new HashMap<>();
  private final ArrayDeque<String> ring = new ArrayDeque<>();
  private final Set<K> dirty = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private boolean shutDown;

  public FairQueue(Function<K, String> tenantOf, Backoff backoff, ScheduledExecutorService timer) {
    this.tenantOf = tenantOf;
    this.backoff = backoff;
    this.timer = timer;
  }

  public synchronized void add(K key) {
    if (shutDown || !dirty.add(key)) {
      return;
    }
    if (!processing.contains(key)) {
      push(key);
    }
  }

  /** Adds {@code key} after {@code delay}. */
  public void addAfter(K key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
    } else {
      timer.schedule(() -> add(key), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Adds {@code key} after its next backoff delay; returns that delay. */
  public Duration retry(K key) {
    int n;
    synchronized (this) {
      n = failures.merge(key, 1, Integer::sum) - 1;
    }
    Duration d = backoff.delay(n);
    addAfter(key, d);
    return d;
  }

  public synchronized void forget(K key) {
    failures.remove(key);
  }

  public synchronized int failures(K key) {
    return failures.getOrDefault(key, 0);
  }

  /** The next key, from the next tenant in turn; blocks while empty. Null after shutdown. */
  public synchronized K take() throws InterruptedException {
    while (ring.isEmpty() && !shutDown) {
      wait();
    }
    if (ring.isEmpty()) {
      return null;
    }
    String tenant = ring.pollFirst();
    ArrayDeque<K> fifo = fifos.get(tenant);
    K key = fifo.pollFirst();
    if (fifo.isEmpty()) {
      fifos.remove(tenant);
    } else {
      ring.addLast(tenant);
    }
    dirty.remove(key);
    processing.add(key);
    return key;
  }

  /** The worker is finished with {@code key}; re-queues it if it was added meanwhile. */
  public synchronized void done(K key) {
    processing.remove(key);
    if (dirty.contains(key)) {
      push(key);
    }
  }

  public synchronized int size() {
    return dirty.size();
  }

  /** Whether nothing is queued and no worker holds a key. */
  public synchronized boolean idle() {
    return dirty.isEmpty() && processing.isEmpty();
  }

  public synchronized void shutdown() {
    shutDown = true;
    notifyAll();
  }

  private void push(K key) {
    String tenant = tenantOf.apply(key);
    ArrayDeque<K> fifo = fifos.get(tenant);
    if (fifo == null) {
      fifo = new ArrayDeque<>();
      fifos.put(tenant, fifo);
      ring.addLast(tenant);
    }
    fifo.addLast(key);
    notify();
  }
}
