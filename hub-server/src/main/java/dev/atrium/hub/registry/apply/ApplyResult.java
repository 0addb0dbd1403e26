package dev.atrium.hub.registry.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of an apply: the new object (with its managedFields), or the conflicts that stopped
 * it.
 */
public record ApplyResult(ObjectNode object, List<Conflict> conflicts) {

  public boolean conflicted() {
    return !conflicts.isEmpty();
  }
}
