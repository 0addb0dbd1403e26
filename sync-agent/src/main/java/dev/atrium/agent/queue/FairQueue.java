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
 *
 * <p>{@link #addCoalesced} is the key-based dedup for bursts of changes to one object (a
 * Deployment's rollout brings several status changes in a second): the key is queued once, {@code
 * delay} after the first change, and the worker then reads the latest state, so the latest wins.
 * {@link #waits} holds how long keys sat in the queue before a worker took them.
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
  private final Set<K> delayed = new HashSet<>();
  private final Map<K, Long> queuedAt = new HashMap<>();
  private final Timings waits = new Timings();
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
    queuedAt.put(key, System.nanoTime());
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

  /**
   * Adds {@code key} {@code delay} from now unless it is queued already or already waiting for such
   * a delayed add: a burst of changes within {@code delay} becomes one queue entry.
   */
  public void addCoalesced(K key, Duration delay) {
    synchronized (this) {
      if (shutDown || dirty.contains(key) || !delayed.add(key)) {
        return;
      }
    }
    timer.schedule(() -> addDelayed(key), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void addDelayed(K key) {
    synchronized (this) {
      delayed.remove(key);
    }
    add(key);
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
    Long at = queuedAt.remove(key);
    if (at != null) {
      waits.record(System.nanoTime() - at);
    }
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

  /** Whether nothing is queued, waiting for a coalesced add, or held by a worker. */
  public synchronized boolean idle() {
    return dirty.isEmpty() && processing.isEmpty() && delayed.isEmpty();
  }

  /** How long keys waited between their add and a worker taking them. */
  public Timings waits() {
    return waits;
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
