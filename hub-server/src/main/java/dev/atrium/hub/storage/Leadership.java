package dev.atrium.hub.storage;

/**
 * Which hub replica runs the controllers. Every replica keeps its in-memory indexes current (they
 * serve admission and reads), but only the leader makes controller writes: a controller asks {@link
 * #isLeader()} before it writes, and lists again when this replica is elected, to catch up with
 * what happened while another replica (or none) led.
 */
public interface Leadership {

  /** Whether this replica holds the leadership now. */
  boolean isLeader();

  /** Runs {@code action} every time this replica becomes leader (on the Vert.x event loop). */
  void onElected(Runnable action);
}
