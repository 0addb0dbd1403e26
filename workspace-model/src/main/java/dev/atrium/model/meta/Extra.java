package dev.atrium.model.meta;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a JSON object a model record does not declare. Every record that the hub rewrites
 * carries them ({@code @JsonAnySetter @JsonAnyGetter}), so a read, change and write of a typed
 * value keeps what a newer client or agent put there.
 */
public final class Extra {

  private Extra() {}

  /** A fresh mutable holder (Jackson adds the unknown fields to it while reading). */
  public static Map<String, JsonNode> none() {
    return new LinkedHashMap<>();
  }

  /** {@code extra}, or a fresh holder when null (records built by code pass null). */
  public static Map<String, JsonNode> orNone(Map<String, JsonNode> extra) {
    return extra == null ? none() : extra;
  }
}
