package dev.atrium.hub.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.ObjectKey;
import org.junit.jupiter.api.Test;

class RecentWritesTest {

  private static final ObjectKey A = new ObjectKey("root", "", "configmaps", "default", "a");
  private static final ObjectKey B = new ObjectKey("root", "", "configmaps", "default", "b");

  private final RecentWrites recent = new RecentWrites();
  private final ObjectNode body = JsonNodeFactory.instance.objectNode();

  @Test
  void theFeedGetsTheWrittenTreeOnce() {
    recent.add(A, 10, body, 5);
    assertSame(body, recent.take(A, 10));
    assertNull(recent.take(A, 10), "handed out once");
  }

  @Test
  void aRevisionOfAnotherKeyIsNotHandedOut() {
    recent.add(A, 10, body, 5);
    assertNull(recent.take(B, 10));
  }

  @Test
  void writesTheFeedAlreadyPassedAreNotKept() {
    recent.add(A, 10, body, 10);
    assertEquals(0, recent.size());
    recent.add(A, 11, body, 10);
    recent.add(B, 12, body, 10);
    recent.passed(11);
    assertEquals(1, recent.size());
    assertNull(recent.take(A, 11));
    assertSame(body, recent.take(B, 12));
  }

  @Test
  void writesFarAheadOfAStalledFeedAreNotKept() {
    recent.add(A, 5 + 4096, body, 5);
    recent.add(B, 5 + 4097, body, 5);
    assertEquals(1, recent.size());
    assertNull(recent.take(B, 5 + 4097));
  }
}
