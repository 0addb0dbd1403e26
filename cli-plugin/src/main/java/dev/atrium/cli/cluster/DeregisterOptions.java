package dev.atrium.cli.cluster;

import dev.atrium.cli.common.CliException;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.cli.ws.KubeContext;
import dev.atrium.cli.ws.Session;
import dev.atrium.model.tenancy.WorkspacePath;
import java.time.Duration;

/**
 * {@code kubectl atrium cluster deregister NAME}: deletes the SyncTarget. The hub then releases the
 * syncer finalizers of the objects it served, waits for the agent's downstream clean-up (or its
 * timeout) and deletes the agent's ServiceAccount itself. With {@code --wait}, waits until the
 * SyncTarget is gone.
 */
public final class DeregisterOptions {

  private static final long POLL_MILLIS = 500;

  private final Session session;
  private final String name;
  private final boolean wait;
  private final Duration timeout;
  private KubeContext current;
  private ClusterApi api;

  public DeregisterOptions(Session session, String name, boolean wait, Duration timeout) {
    this.session = session;
    this.name = name;
    this.wait = wait;
    this.timeout = timeout;
  }

  public DeregisterOptions complete() {
    current = session.current();
    api = new ClusterApi(session.client(current), current.url());
    return this;
  }

  public DeregisterOptions validate() {
    if (!WorkspacePath.validName(name)) {
      throw new CliException("invalid cluster name \"" + name + "\"");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new CliException("--timeout must be positive");
    }
    return this;
  }

  public void run() {
    String doing = "deregister cluster \"" + name + "\"";
    HubResponse deleted = api.deleteTarget(name);
    if (deleted.code() == 404) {
      if (deleted.message().contains("\"" + name + "\"")) {
        throw new CliException(
            "synctarget \"" + name + "\" not found in workspace " + api.workspace());
      }
      throw api.notServed(doing, deleted);
    }
    if (!deleted.ok()) {
      throw api.failure(doing, deleted);
    }
    if (wait) {
      session
          .streams()
          .err()
          .println(
              "Waiting for the agent to clean up the physical cluster and the hub to let the"
                  + " SyncTarget go...");
      waitUntilGone();
    }
    session.streams().out().println("synctarget \"" + name + "\" deregistered");
  }

  private void waitUntilGone() {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      HubResponse response = api.getTarget(name);
      if (response.code() == 404) {
        return;
      }
      if (!response.ok()) {
        throw api.failure("read synctarget \"" + name + "\"", response);
      }
      if (System.nanoTime() > deadline) {
        throw new CliException(
            "synctarget \""
                + name
                + "\" still exists after "
                + timeout.toSeconds()
                + "s (finalizers "
                + response.body().path("metadata").path("finalizers")
                + "): is its agent running? The hub lets it go after its clean-up timeout");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted");
      }
    }
  }
}
