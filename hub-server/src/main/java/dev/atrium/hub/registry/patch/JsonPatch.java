package dev.atrium.hub.registry.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON patch ({@code application/json-patch+json}). Operations run in order on a copy of
 * the target; the first failing one aborts the whole patch with a {@link PatchException}.
 *
 * <p>Like the Kubernetes API server, a missing {@code value} member is read as {@code null}, and
 * {@code test} of {@code null} succeeds on a missing path.
 */
public final class JsonPatch {

  private JsonNode doc;

  private JsonPatch(JsonNode doc) {
    this.doc = doc;
  }

  /** Applies the operations in {@code patch} (a JSON array) and returns the new document. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch == null || !patch.isArray()) {
      throw new PatchException("a JSON patch must be a list of operations");
    }
    JsonPatch run = new JsonPatch(target == null ? NullNode.getInstance() : target.deepCopy());
    for (JsonNode operation : patch) {
      run.apply(operation);
    }
    return run.doc;
  }

  private void apply(JsonNode operation) {
    if (!operation.isObject()) {
      throw new PatchException("invalid JSON patch operation: " + operation);
    }
    String op = operation.path("op").asText("");
    switch (op) {
      case "add" -> add(op, pointer(operation, "path"), value(operation));
      case "remove" -> remove(op, pointer(operation, "path"));
      case "replace" -> replace(op, pointer(operation, "path"), value(operation));
      case "move" -> move(op, pointer(operation, "from"), pointer(operation, "path"));
      case "copy" -> copy(op, pointer(operation, "from"), pointer(operation, "path"));
      case "test" -> test(pointer(operation, "path"), value(operation));
      default -> throw new PatchException("Unexpected kind: " + op);
    }
  }

  private static JsonPointer pointer(JsonNode operation, String member) {
    JsonNode text = operation.get(member);
    if (text == null || !text.isTextual()) {
      String op = operation.path("op").asText();
      throw new PatchException(op + " operation is missing the " + member + " member");
    }
    return JsonPointer.parse(text.textValue());
  }

  private static JsonNode value(JsonNode operation) {
    JsonNode value = operation.get("value");
    return value == null ? NullNode.getInstance() : value.deepCopy();
  }

  private void add(String op, JsonPointer path, JsonNode value) {
    if (path.isRoot()) {
      doc = value;
      return;
    }
    JsonNode parent = get(path.parent());
    if (parent instanceof ObjectNode object) {
      object.set(path.last(), value);
    } else if (parent instanceof ArrayNode array) {
      int index = "-".equals(path.last()) ? array.size() : index(path.last(), array.size() + 1);
      if (index < 0) {
        throw failure(op, "invalid index referenced", path);
      }
      array.insert(index, value);
    } else {
      throw failure(op, "doc is missing path", path);
    }
  }

  private JsonNode remove(String op, JsonPointer path) {
    if (path.isRoot() || get(path) == null) {
      throw failure(op, "doc is missing path", path);
    }
    JsonNode parent = get(path.parent());
    if (parent instanceof ObjectNode object) {
      return object.remove(path.last());
    }
    return ((ArrayNode) parent).remove(index(path.last(), parent.size()));
  }

  private void replace(String op, JsonPointer path, JsonNode value) {
    if (path.isRoot()) {
      doc = value;
      return;
    }
    if (get(path) == null) {
      throw failure(op, "doc is missing key", path);
    }
    JsonNode parent = get(path.parent());
    if (parent instanceof ObjectNode object) {
      object.set(path.last(), value);
    } else {
      ((ArrayNode) parent).set(index(path.last(), parent.size()), value);
    }
  }

  private void move(String op, JsonPointer from, JsonPointer path) {
    if (get(from) == null) {
      throw failure(op, "doc is missing from path", from);
    }
    if (from.isPrefixOf(path)) {
      throw failure(op, "cannot move a value into one of its children", path);
    }
    if (from.equals(path)) {
      return;
    }
    add(op, path, remove(op, from));
  }

  private void copy(String op, JsonPointer from, JsonPointer path) {
    JsonNode value = get(from);
    if (value == null) {
      throw failure(op, "doc is missing from path", from);
    }
    add(op, path, value.deepCopy());
  }

  private void test(JsonPointer path, JsonNode expected) {
    JsonNode actual = get(path);
    boolean bothNull = JsonValues.isNull(actual) && expected.isNull();
    if (!bothNull && !JsonValues.same(actual, expected)) {
      throw new PatchException("testing value " + path + " failed");
    }
  }

  /** The node at {@code pointer}, or null when there is none. */
  private JsonNode get(JsonPointer pointer) {
    JsonNode node = doc;
    for (String token : pointer.tokens()) {
      if (node instanceof ObjectNode object) {
        node = object.get(token);
      } else if (node instanceof ArrayNode array) {
        int index = index(token, array.size());
        node = index < 0 ? null : array.get(index);
      } else {
        return null;
      }
    }
    return node;
  }

  /** A decimal array index below {@code bound}, or -1. */
  private static int index(String token, int bound) {
    if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
      return -1;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    int index = Integer.parseInt(token);
    return index < bound ? index : -1;
  }

  private static PatchException failure(String op, String problem, JsonPointer path) {
    return new PatchException(op + " operation does not apply: " + problem + ": " + path);
  }
}
