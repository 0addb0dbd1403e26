package dev.atrium.hub.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeartbeatDeadlinesTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  private static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  @Test
  void keysComeDueInDeadlineOrderAndNotBefore() {
    HeartbeatDeadlines d = new HeartbeatDeadlines();
    d.arm("b", at(2000));
    d.arm("a", at(1000));
    d.arm("c", at(3000));
    assertEquals(Optional.of(at(1000)), d.next());
    assertEquals(List.of(), d.due(at(999)));
    assertEquals(List.of("a"), d.due(at(1000)));
    assertEquals(List.of("b", "c"), d.due(at(5000)));
    assertEquals(Optional.empty(), d.next());
    assertEquals(0, d.size());
  }

  @Test
  void aLaterArmingDoesNotMoveAnArmedDeadline() {
    HeartbeatDeadlines d = new HeartbeatDeadlines();
    d.arm("a", at(1000));
    d.arm("a", at(4000)); // a fresher heartbeat: checked lazily when the first deadline is due
    assertEquals(1, d.size());
    assertEquals(List.of("a"), d.due(at(1000)));
    assertEquals(List.of(), d.due(at(10_000)));
  }

  @Test
  void anEarlierArmingSupersedesTheArmedDeadline() {
    HeartbeatDeadlines d = new HeartbeatDeadlines();
    d.arm("a", at(4000));
    d.arm("b", at(3000));
    d.arm("a", at(1000));
    assertEquals(Optional.of(at(1000)), d.next());
    assertEquals(List.of("a"), d.due(at(1000)));
    assertEquals(Optional.of(at(3000)), d.next());
    assertEquals(List.of("b"), d.due(at(4000)), "the superseded entry of a is dropped");
  }

  @Test
  void aKeyDueAndArmedAgainComesDueAgain() {
    HeartbeatDeadlines d = new HeartbeatDeadlines();
    d.arm("a", at(1000));
    assertEquals(List.of("a"), d.due(at(1000)));
    d.arm("a", at(2000));
    assertEquals(Optional.of(at(2000)), d.next());
    assertEquals(List.of("a"), d.due(at(2500)));
  }

  @Test
  void tenThousandTargetsCostOneEntryEach() {
    HeartbeatDeadlines d = new HeartbeatDeadlines();
    for (int beat = 0; beat < 5; beat++) {
      for (int i = 0; i < 10_000; i++) {
        d.arm("t" + i, at(40_000 + i + beat * 10_000L));
      }
    }
    assertEquals(10_000, d.size());
    assertEquals(5_000, d.due(at(44_999)).size());
    assertEquals(Optional.of(at(45_000)), d.next());
  }

  @Test
  void clearForgetsEverything() {
    HeartbeatDeadlines d = new HeartbeatDeadlines();
    d.arm("a", at(1000));
    d.clear();
    assertEquals(Optional.empty(), d.next());
    assertEquals(List.of(), d.due(at(2000)));
  }
}
