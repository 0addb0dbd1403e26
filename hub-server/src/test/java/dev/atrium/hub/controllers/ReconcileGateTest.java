package dev.atrium.hub.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.hub.storage.ObjectKey;
import org.junit.jupiter.api.Test;

class ReconcileGateTest {

  private static final ObjectKey WS =
      new ObjectKey("root", "tenancy.atrium.dev", "workspaces", "", "team-a");

  private final ReconcileGate gate = new ReconcileGate();

  @Test
  void oneWorkAtATime() {
    assertTrue(gate.tryStart(WS, 10));
    assertFalse(gate.tryStart(WS, 11), "busy");
    gate.forget(WS);
    assertTrue(gate.tryStart(WS, 11), "a failure frees the object");
  }

  @Test
  void eventsOlderThanOwnWriteAreStaleAfterTheWorkFinished() {
    assertTrue(gate.tryStart(WS, 10));
    gate.finished(WS, 12);
    gate.seen(WS, 11);
    assertFalse(gate.tryStart(WS, 11), "the Initializing event delivered after Ready was written");
    gate.seen(WS, 12);
    assertEquals(0, gate.size(), "the feed reached our write: nothing kept");
    assertTrue(gate.tryStart(WS, 13));
  }

  @Test
  void writeSeenBeforeTheWorkReportsDoneKeepsNothing() {
    assertTrue(gate.tryStart(WS, 10));
    gate.seen(WS, 11);
    gate.seen(WS, 12);
    gate.finished(WS, 12);
    assertEquals(0, gate.size());
  }

  @Test
  void forgetDropsTheEntry() {
    assertTrue(gate.tryStart(WS, 10));
    gate.forget(WS);
    gate.finished(WS, 11);
    assertEquals(0, gate.size());
  }
}
