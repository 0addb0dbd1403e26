package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.registry.CpuPool;
import dev.atrium.hub.request.ApiException;

/**
 * Answers of writes whose request body was large: the written object is about as large (and its
 * managed fields add to it), so it is serialized on the {@link CpuPool}, not on the event loop the
 * store's answer arrived on.
 */
final class LargeResponses {

  static final int LARGE_BODY_BYTES = 256 * 1024;

  private LargeResponses() {}

  static void send(CpuPool cpu, ApiRequest req, int code, JsonNode body) {
    if (CpuPool.onPool() || req.bodyLength() < LARGE_BODY_BYTES) {
      Responses.json(req.ctx(), code, body);
      return;
    }
    try {
      cpu.execute(() -> Responses.json(req.ctx(), code, body));
    } catch (ApiException busy) {
      Responses.json(req.ctx(), code, body);
    }
  }
}
