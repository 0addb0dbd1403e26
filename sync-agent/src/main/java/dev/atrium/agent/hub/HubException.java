package dev.atrium.agent.hub;

/** A hub answer other than success: the HTTP code and the body (usually a Status). */
public class HubException extends RuntimeException {

  private final int code;

  public HubException(int code, String message) {
    super(message);
    this.code = code;
  }

  public int code() {
    return code;
  }

  public boolean gone() {
    return code == 410;
  }
}
