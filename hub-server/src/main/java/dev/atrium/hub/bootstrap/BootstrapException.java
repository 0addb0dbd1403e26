package dev.atrium.hub.bootstrap;

/** Thrown when the hub data directory cannot be prepared; startup should abort with the message. */
public final class BootstrapException extends RuntimeException {

  public BootstrapException(String message) {
    super(message);
  }

  public BootstrapException(String message, Throwable cause) {
    super(message, cause);
  }
}
