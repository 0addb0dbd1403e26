package dev.atrium.hub.api.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairQueueTest {

  private final List<String> started = new ArrayList<>();

  private FairQueue.Ticket submit(FairQueue queue, String flow, String label, int width) {
    FairQueue.Ticket ticket = queue.ticket(flow, width, () -> started.add(label), 0);
    queue.enqueue(ticket);
    return ticket;
  }

  @Test
  void freeSeatsDispatchAtOnce() {
    FairQueue queue = new FairQueue(2, 5);
    FairQueue.Ticket a = submit(queue, "noisy", "a", 1);
    FairQueue.Ticket b = submit(queue, "noisy", "b", 1);
    assertEquals(List.of("a", "b"), started);
    assertTrue(a.isExecuting() && b.isExecuting());
    assertEquals(2, queue.seatsInUse());
    assertEquals(0, queue.queued());
  }

  @Test
  void aQuietFlowWaitsAtMostOneTurnOfEachBusyFlow() {
    FairQueue queue = new FairQueue(2, 50);
    List<FairQueue.Ticket> noisy = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      noisy.add(submit(queue, "noisy", "n" + i, 1));
    }
    FairQueue.Ticket quiet = submit(queue, "quiet", "q", 1);
    assertEquals(28, queue.queued("noisy"));
    assertEquals(1, queue.queued("quiet"));
    queue.release(noisy.get(0));
    // noisy was in the ring first: its head takes this seat, quiet the next one
    assertEquals(List.of("n0", "n1", "n2"), started);
    queue.release(noisy.get(1));
    assertEquals(List.of("n0", "n1", "n2", "q"), started);
    assertTrue(quiet.isExecuting());
    assertEquals(27, queue.queued("noisy"), "27 of noisy's requests still wait behind it");
    queue.release(queue.ticket("x", 1, () -> {}, 0));
    assertEquals(4, started.size(), "releasing a ticket never dispatched does nothing");
  }

  @Test
  void roundRobinAlternatesAmongFlowsWithQueuedWork() {
    FairQueue queue = new FairQueue(1, 50);
    List<FairQueue.Ticket> tickets = new ArrayList<>();
    tickets.add(submit(queue, "a", "a0", 1));
    for (int i = 1; i <= 3; i++) {
      tickets.add(submit(queue, "a", "a" + i, 1));
    }
    tickets.add(submit(queue, "b", "b1", 1));
    tickets.add(submit(queue, "c", "c1", 1));
    tickets.add(submit(queue, "b", "b2", 1));
    for (int i = 0; i < 6; i++) {
      queue.release(executingOf(tickets));
    }
    assertEquals(List.of("a0", "a1", "b1", "c1", "a2", "b2", "a3"), started);
  }

  private static FairQueue.Ticket executingOf(List<FairQueue.Ticket> tickets) {
    FairQueue.Ticket found =
        tickets.stream().filter(FairQueue.Ticket::isExecuting).findFirst().orElseThrow();
    tickets.remove(found);
    return found;
  }

  @Test
  void aFullQueueRejectsOnlyThatFlow() {
    FairQueue queue = new FairQueue(1, 2);
    submit(queue, "noisy", "n0", 1);
    submit(queue, "noisy", "n1", 1);
    submit(queue, "noisy", "n2", 1);
    FairQueue.RejectedException e =
        assertThrows(FairQueue.RejectedException.class, () -> submit(queue, "noisy", "n3", 1));
    assertEquals(FairQueue.Rejection.QUEUE_FULL, e.reason());
    submit(queue, "quiet", "q", 1);
    assertEquals(1, queue.queued("quiet"));
  }

  @Test
  void wideRequestsTakeSeveralSeatsAndWaitForThem() {
    FairQueue queue = new FairQueue(4, 10);
    FairQueue.Ticket a = submit(queue, "a", "a", 3);
    FairQueue.Ticket wide = submit(queue, "b", "wide", 2);
    FairQueue.Ticket narrow = submit(queue, "c", "narrow", 1);
    // the wide head waits for 2 seats, and the narrow request behind it does not overtake it
    assertEquals(List.of("a"), started);
    assertEquals(3, queue.seatsInUse());
    queue.release(a);
    assertEquals(List.of("a", "wide", "narrow"), started);
    assertEquals(3, queue.seatsInUse());
    queue.release(wide);
    queue.release(narrow);
    assertEquals(0, queue.seatsInUse());
    assertEquals(4, queue.ticket("x", 99, () -> {}, 0).width(), "width is clamped to the seats");
  }

  @Test
  void cancelledWaitersLeaveTheQueueAndFinishFreesEitherWay() {
    FairQueue queue = new FairQueue(1, 10);
    FairQueue.Ticket running = submit(queue, "a", "a", 1);
    FairQueue.Ticket waiting = submit(queue, "b", "b", 1);
    assertTrue(queue.cancel(waiting));
    assertFalse(queue.cancel(waiting));
    assertFalse(queue.cancel(running), "a dispatched request is released, not cancelled");
    queue.finish(running);
    assertEquals(0, queue.seatsInUse());
    assertEquals(0, queue.queued());
    assertEquals(List.of("a"), started);
    queue.finish(running);
    assertEquals(0, queue.seatsInUse(), "finishing twice frees the seats once");
  }

  @Test
  void listWidthsFollowTheLastListOfTheCollection() {
    assertEquals(1, ListWidths.width(0));
    assertEquals(1, ListWidths.width(100));
    assertEquals(2, ListWidths.width(101));
    assertEquals(10, ListWidths.width(50_000));
  }
}
