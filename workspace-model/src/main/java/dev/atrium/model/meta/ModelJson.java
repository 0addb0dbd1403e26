package dev.atrium.model.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Reads and writes the model types from and to Jackson trees, the hub's and the agent's form of an
 * object. Unknown fields land in each record's {@code extra} and are written back.
 */
public final class ModelJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
          .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

  private ModelJson() {}

  /**
   * {@code node} as a {@code type}; a missing or null node reads as null.
   *
   * @throws IllegalArgumentException when the JSON does not have the type's shape (the message
   *     names the field)
   */
  public static <T> T read(JsonNode node, Class<T> type) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /** {@code node} as a {@code type}, or empty when it does not have that shape. */
  public static <T> Optional<T> tryRead(JsonNode node, Class<T> type) {
    try {
      return Optional.ofNullable(read(node, type));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The JSON object of a model value, with the node types a parser gives (an int-sized Long is an
   * IntNode), so it equals the same object read from the wire or from storage.
   */
  public static ObjectNode tree(Object value) {
    try {
      return (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsBytes(value));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** The JSON path of the field a failed {@link #read} stopped at, e.g. "spec.numberOfClusters". */
  public static String failedPath(IllegalArgumentException e) {
    if (!(e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException m)) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
