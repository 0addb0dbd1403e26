package dev.atrium.hub.storage.postgres;

import dev.atrium.hub.storage.WatchEvent;
import dev.atrium.hub.storage.selection.Selection;

/**
 * Applies a selection to a change as Kubernetes does: an object that starts matching is ADDED, one
 * that stops matching is DELETED.
 */
final class WatchFilter {

  private WatchFilter() {}

  static WatchEvent apply(Selection selection, WatchEvent event) {
    if (selection.isEverything()) {
      return event;
    }
    boolean now = selection.matches(event.object().body());
    if (event.type() != WatchEvent.Type.MODIFIED) {
      return now ? event : null;
    }
    boolean before = event.previous() == null ? now : selection.matches(event.previous().body());
    if (now && before) {
      return event;
    }
    if (now) {
      return new WatchEvent(WatchEvent.Type.ADDED, event.object(), event.previous());
    }
    if (before) {
      return new WatchEvent(WatchEvent.Type.DELETED, event.object(), event.previous());
    }
    return null;
  }
}
