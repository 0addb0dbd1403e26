package dev.atrium.cli.common;

/**
 * A user-facing failure: its message is printed as {@code error: <message>} and the exit code is 1.
 */
public class CliException extends RuntimeException {

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
