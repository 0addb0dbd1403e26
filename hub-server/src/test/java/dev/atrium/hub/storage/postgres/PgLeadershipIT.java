package dev.atrium.hub.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.pgclient.PgConnection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Leader election on the advisory lock: one leader among several, a successor within a few retry
 * periods when the leader stops or loses its session, never two at once.
 */
class PgLeadershipIT {

  private final PgTestDatabase db = PgTestDatabase.get();

  private PgLeadership candidate(String name) {
    return new PgLeadership(
        db.vertx(), () -> Future.succeededFuture(db.connectOptions(name)), 100, name);
  }

  @Test
  void oneLeaderAndASuccessorWhenItStopsOrLosesItsSession() throws Exception {
    PgLeadership a = candidate("lead-a");
    PgLeadership b = candidate("lead-b");
    AtomicInteger elections = new AtomicInteger();
    a.onElected(elections::incrementAndGet);
    b.onElected(elections::incrementAndGet);
    a.start();
    b.start();
    try {
      PgLeadership first = awaitLeader(List.of(a, b));
      PgLeadership second = first == a ? b : a;
      assertEquals(1, elections.get());
      // the leader's session is killed from outside (as when PostgreSQL drops the connection)
      terminate(first == a ? "atrium-leader lead-a" : "atrium-leader lead-b");
      long deadline = System.currentTimeMillis() + 10_000;
      while (elections.get() < 2) {
        assertTrue(!(a.isLeader() && b.isLeader()), "two leaders at once");
        assertTrue(System.currentTimeMillis() < deadline, "no new election");
        Thread.sleep(10);
      }
      PgLeadership next = awaitLeader(List.of(a, b));
      // the leader stops (shutdown): the other one takes over
      next.stop();
      PgLeadership last = awaitLeader(List.of(next == a ? b : a));
      assertFalse(next.isLeader());
      assertTrue(last.isLeader());
      assertTrue(second != null);
    } finally {
      a.stop();
      b.stop();
    }
  }

  /** Waits for exactly one leader, checking that there are never two. */
  private static PgLeadership awaitLeader(List<PgLeadership> candidates) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      List<PgLeadership> leaders = candidates.stream().filter(PgLeadership::isLeader).toList();
      if (leaders.size() > 1) {
        fail("two leaders at once");
      }
      if (leaders.size() == 1) {
        return leaders.get(0);
      }
      Thread.sleep(10);
    }
    fail("no leader");
    return null;
  }

  private void terminate(String applicationName) throws Exception {
    PgConnection admin =
        PgConnection.connect(db.vertx(), db.connectOptions("lead-admin"))
            .toCompletionStage()
            .toCompletableFuture()
            .get();
    try {
      String killed =
          admin
              .query(
                  "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                      + " WHERE application_name = '"
                      + applicationName
                      + "'")
              .execute()
              .map(rows -> rows.iterator().next().getLong(0).toString())
              .toCompletionStage()
              .toCompletableFuture()
              .get();
      assertEquals("1", killed);
    } finally {
      admin.close();
    }
  }
}
