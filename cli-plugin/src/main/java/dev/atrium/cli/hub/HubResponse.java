package dev.atrium.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;

/** A response of the hub: status code and the JSON body (a missing node when it had none). */
public record HubResponse(int code, JsonNode body) {

  public boolean ok() {
    return code >= 200 && code < 300;
  }

  /** The {@code message} of a Kubernetes Status body, or a generic text. */
  public String message() {
    String message = body.path("message").asText("");
    return message.isEmpty() ? "the hub answered HTTP " + code : message;
  }

  public String reason() {
    return body.path("reason").asText("");
  }
}
