package dev.atrium.agent.sync;

import dev.atrium.agent.mapping.SyncError;

/** An object could not be synced; carries what to report upstream. */
public final class SyncFailure extends RuntimeException {

  private final SyncError error;

  public SyncFailure(String reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.error = new SyncError(reason, message);
  }

  public SyncError error() {
    return error;
  }
}
