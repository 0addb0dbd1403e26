package dev.atrium.hub.api.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fair queuing of requests over a fixed number of seats, in the manner of kube-apiserver's API
 * Priority and Fairness: each flow (a workspace) has its own bounded queue; whenever seats are free
 * the flows with queued work are served in round-robin order, so a quiet flow's request takes the
 * next free seat however long a busy flow's queue is. A request occupies {@code width} seats (lists
 * more than one) from dispatch to {@link #release}. Thread-safe; dispatch callbacks run outside the
 * lock, on the thread that freed the seats (or the one that enqueued).
 */
public final class FairQueue {

  /** Why a request was not queued. */
  public enum Rejection {
    QUEUE_FULL
  }

  /** One request: queued, then executing, then done. */
  public static final class Ticket {
    private final String flow;
    private final int width;
    private final Runnable dispatch;
    private final long enqueuedNanos;
    private volatile boolean executing;
    private boolean finished;

    private Ticket(String flow, int width, Runnable dispatch, long enqueuedNanos) {
      this.flow = flow;
      this.width = width;
      this.dispatch = dispatch;
      this.enqueuedNanos = enqueuedNanos;
    }

    public String flow() {
      return flow;
    }

    public int width() {
      return width;
    }

    public long enqueuedNanos() {
      return enqueuedNanos;
    }

    /** True once dispatched (it holds its seats until released). */
    public boolean isExecuting() {
      return executing;
    }
  }

  /** A rejected enqueue. */
  public static final class RejectedException extends RuntimeException {
    private final Rejection reason;

    RejectedException(Rejection reason) {
      super(reason.name(), null, false, false);
      this.reason = reason;
    }

    public Rejection reason() {
      return reason;
    }
  }

  private final int seats;
  private final int queueLength;
  private final Map<String, ArrayDeque<Ticket>> queues = new HashMap<>();
  private final ArrayDeque<String> ring = new ArrayDeque<>();
  private int free;
  private int queued;
  private int executing;

  /**
   * @param seats the seats shared by all flows
   * @param queueLength the most requests one flow may have waiting
   */
  public FairQueue(int seats, int queueLength) {
    if (seats < 1 || queueLength < 0) {
      throw new IllegalArgumentException("seats " + seats + ", queue length " + queueLength);
    }
    this.seats = seats;
    this.queueLength = queueLength;
    this.free = seats;
  }

  public int seats() {
    return seats;
  }

  /**
   * A request of {@code flow} needing {@code width} seats (clamped to the total), to {@link
   * #enqueue}; {@code dispatch} runs once it holds them.
   */
  public Ticket ticket(String flow, int width, Runnable dispatch, long nowNanos) {
    return new Ticket(flow, Math.max(1, Math.min(width, seats)), dispatch, nowNanos);
  }

  /**
   * Queues {@code ticket}; its dispatch runs before this returns when seats are free and nobody
   * waits, else when its turn comes.
   *
   * @throws RejectedException when the flow's queue is full
   */
  public void enqueue(Ticket ticket) {
    String flow = ticket.flow;
    List<Ticket> ready;
    synchronized (this) {
      ArrayDeque<Ticket> queue = queues.computeIfAbsent(flow, f -> new ArrayDeque<>());
      if (queue.size() >= queueLength && !(ring.isEmpty() && free >= ticket.width)) {
        dropIfIdle(flow, queue);
        throw new RejectedException(Rejection.QUEUE_FULL);
      }
      if (queue.isEmpty()) {
        ring.addLast(flow);
      }
      queue.addLast(ticket);
      queued++;
      ready = dispatchable();
    }
    runAll(ready);
  }

  /** The request is over: its seats are freed, or it leaves its queue if it still waits. */
  public void finish(Ticket ticket) {
    if (!cancel(ticket)) {
      release(ticket);
    }
  }

  /**
   * Takes a still waiting request out of its queue (its wait timed out, its client left).
   *
   * @return false when it was dispatched already (then it must be released as usual)
   */
  public boolean cancel(Ticket ticket) {
    List<Ticket> ready;
    synchronized (this) {
      if (ticket.executing || ticket.finished) {
        return false;
      }
      ArrayDeque<Ticket> queue = queues.get(ticket.flow);
      if (queue == null || !queue.remove(ticket)) {
        return false;
      }
      ticket.finished = true;
      queued--;
      if (queue.isEmpty()) {
        ring.remove(ticket.flow);
        queues.remove(ticket.flow);
      }
      // a cancelled wide head may have blocked narrower requests behind it
      ready = dispatchable();
    }
    runAll(ready);
    return true;
  }

  /** Frees the seats of a dispatched request (once; later calls do nothing). */
  public void release(Ticket ticket) {
    List<Ticket> ready;
    synchronized (this) {
      if (!ticket.executing || ticket.finished) {
        return;
      }
      ticket.finished = true;
      free += ticket.width;
      executing--;
      ready = dispatchable();
    }
    runAll(ready);
  }

  public synchronized int queued() {
    return queued;
  }

  public synchronized int executing() {
    return executing;
  }

  public synchronized int seatsInUse() {
    return seats - free;
  }

  /** The requests queued for {@code flow}. */
  public synchronized int queued(String flow) {
    ArrayDeque<Ticket> queue = queues.get(flow);
    return queue == null ? 0 : queue.size();
  }

  /**
   * Round-robin over the flows with queued work: each turn takes one request from the next flow
   * while its head fits the free seats. A head that does not fit waits for more seats, and so does
   * everyone behind it in the ring (no overtaking, so wide requests are not starved).
   */
  private List<Ticket> dispatchable() {
    List<Ticket> ready = new ArrayList<>();
    while (!ring.isEmpty()) {
      String flow = ring.peekFirst();
      ArrayDeque<Ticket> queue = queues.get(flow);
      Ticket head = queue.peekFirst();
      if (head.width > free) {
        break;
      }
      queue.pollFirst();
      ring.pollFirst();
      if (queue.isEmpty()) {
        queues.remove(flow);
      } else {
        ring.addLast(flow);
      }
      queued--;
      executing++;
      free -= head.width;
      head.executing = true;
      ready.add(head);
    }
    return ready;
  }

  private void dropIfIdle(String flow, ArrayDeque<Ticket> queue) {
    if (queue.isEmpty()) {
      queues.remove(flow);
    }
  }

  private static void runAll(List<Ticket> ready) {
    for (Ticket ticket : ready) {
      ticket.dispatch.run();
    }
  }
}
