package dev.atrium.hub.registry.patch;

/** A patch document that cannot be applied: malformed, or not matching the target. */
public class PatchException extends IllegalArgumentException {

  public PatchException(String message) {
    super(message);
  }
}
