package dev.atrium.agent.sync;

/** Not done yet, nothing went wrong (a deletion still in progress): retry after backoff. */
public final class RetryLater extends RuntimeException {

  public RetryLater(String message) {
    super(message, null, false, false);
  }
}
