package dev.atrium.agent.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The per-object part of the syncer view the reconcilers use; paths are below the view base, e.g.
 * {@code /clusters/root:a/apis/apps/v1/namespaces/x/deployments/web/status}.
 */
public interface HubApi {

  /** GET; null on 404. Other failures throw {@link HubException}. */
  ObjectNode get(String path) throws IOException, InterruptedException;

  ObjectNode patch(String path, String contentType, JsonNode body)
      throws IOException, InterruptedException;

  ObjectNode post(String path, JsonNode body) throws IOException, InterruptedException;
}
