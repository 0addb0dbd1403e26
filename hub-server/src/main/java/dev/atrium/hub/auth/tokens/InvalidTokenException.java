package dev.atrium.hub.auth.tokens;

/** A bearer token that is not a valid ServiceAccount token (bad signature, expired, ...). */
public final class InvalidTokenException extends RuntimeException {
  public InvalidTokenException(String message) {
    super(message, null, false, false);
  }
}
