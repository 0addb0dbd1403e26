package dev.atrium.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;

/** The few requests the plugins make, to absolute URLs of the hub. */
public interface HubClient {

  HubResponse get(String url);

  HubResponse post(String url, JsonNode body);

  /** A full replacement (with the body's resourceVersion for optimistic concurrency). */
  HubResponse put(String url, JsonNode body);

  HubResponse delete(String url);
}
