package dev.atrium.hub.registry.patch;

import java.util.ArrayList;
import java.util.List;

/** An RFC 6901 JSON pointer, decoded into reference tokens. */
record JsonPointer(String text, List<String> tokens) {

  static JsonPointer parse(String text) {
    if (text == null) {
      throw new PatchException("missing JSON pointer");
    }
    if (text.isEmpty()) {
      return new JsonPointer(text, List.of());
    }
    if (text.charAt(0) != '/') {
      throw new PatchException("invalid JSON pointer: " + text);
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : text.substring(1).split("/", -1)) {
      tokens.add(unescape(raw, text));
    }
    return new JsonPointer(text, List.copyOf(tokens));
  }

  private static String unescape(String raw, String pointer) {
    if (raw.indexOf('~') < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '~') {
        out.append(c);
        continue;
      }
      char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
      if (next != '0' && next != '1') {
        throw new PatchException("invalid JSON pointer escape in: " + pointer);
      }
      out.append(next == '0' ? '~' : '/');
      i++;
    }
    return out.toString();
  }

  boolean isRoot() {
    return tokens.isEmpty();
  }

  JsonPointer parent() {
    int slash = text.lastIndexOf('/');
    return new JsonPointer(
        text.substring(0, Math.max(slash, 0)), tokens.subList(0, tokens.size() - 1));
  }

  String last() {
    return tokens.get(tokens.size() - 1);
  }

  boolean isPrefixOf(JsonPointer other) {
    return other.tokens.size() > tokens.size()
        && other.tokens.subList(0, tokens.size()).equals(tokens);
  }

  @Override
  public String toString() {
    return text;
  }
}
