package dev.atrium.hub.storage.selection;

/**
 * A label or field selector that cannot be parsed or is not supported. The message follows the
 * upstream apimachinery wording so it can be returned as-is in a 400 {@code Status}.
 */
public final class SelectorException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public SelectorException(String message) {
    super(message);
  }
}
