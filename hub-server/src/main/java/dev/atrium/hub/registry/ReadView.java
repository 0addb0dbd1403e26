package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.catalog.ResourceType;

/** Objects as served to clients: what the kind's strategy makes of the stored body. */
public final class ReadView {

  private ReadView() {}

  /** The served form of a stored object; {@code stored} itself is never mutated. */
  public static ObjectNode of(ResourceType type, ObjectNode stored) {
    return Strategies.of(type).prepareForRead(type, stored);
  }
}
