package dev.atrium.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.cli.common.CliException;
import dev.atrium.cli.hub.HubClient;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.cli.ws.WorkspaceUrl;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.workload.SyncTarget;
import dev.atrium.model.workload.SyncTargetSpec;
import dev.atrium.model.workload.Workload;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub requests of the cluster commands, in one workspace: SyncTargets, the agent's
 * ServiceAccount and its token (TokenRequest).
 */
public final class ClusterApi {

  static final String SYNC_TARGETS =
      "/apis/" + Workload.GROUP + "/" + Workload.VERSION + "/" + Workload.SYNC_TARGETS;

  /** The hub's maximum token lifetime: one year. */
  public static final long TOKEN_SECONDS = 365L * 24 * 3600;

  /** On the agent's ServiceAccount: made by this plugin (so a re-registration may reuse it). */
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  static final String MANAGER = "kubectl-atrium";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubClient hub;
  private final WorkspaceUrl workspace;

  public ClusterApi(HubClient hub, WorkspaceUrl workspace) {
    this.hub = hub;
    this.workspace = workspace;
  }

  public String workspace() {
    return workspace.path().value();
  }

  public HubResponse getTarget(String name) {
    return hub.get(workspace.url(SYNC_TARGETS + "/" + name));
  }

  public HubResponse listTargets() {
    return hub.get(workspace.url(SYNC_TARGETS));
  }

  public HubResponse createTarget(String name, Map<String, String> labels) {
    SyncTarget target = SyncTarget.named(name, SyncTargetSpec.empty());
    if (!labels.isEmpty()) {
      ObjectNode l = target.metadata().putObject("labels");
      labels.forEach(l::put);
    }
    return hub.post(workspace.url(SYNC_TARGETS), ModelJson.tree(target));
  }

  /** The target with its user labels replaced by {@code labels} (the hub's key label kept). */
  public HubResponse relabelTarget(JsonNode existing, Map<String, String> labels) {
    ObjectNode body = existing.deepCopy();
    ObjectNode metadata = (ObjectNode) body.path("metadata");
    String key = metadata.path("labels").path(Workload.KEY_LABEL).asText(null);
    ObjectNode l = metadata.putObject("labels");
    if (key != null) {
      l.put(Workload.KEY_LABEL, key);
    }
    labels.forEach(l::put);
    return hub.put(workspace.url(SYNC_TARGETS + "/" + metadata.path("name").asText()), body);
  }

  /** A target's labels but the hub's key label, in the hub's order. */
  public static Map<String, String> userLabels(JsonNode target) {
    Map<String, String> labels = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = target.path("metadata").path("labels").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (!e.getKey().equals(Workload.KEY_LABEL)) {
        labels.put(e.getKey(), e.getValue().asText());
      }
    }
    return labels;
  }

  public HubResponse deleteTarget(String name) {
    return hub.delete(workspace.url(SYNC_TARGETS + "/" + name));
  }

  public HubResponse createServiceAccount(String target) {
    ObjectNode body = JSON.createObjectNode();
    body.put("apiVersion", "v1").put("kind", "ServiceAccount");
    ObjectNode metadata =
        body.putObject("metadata")
            .put("name", Workload.agentServiceAccount(target))
            .put("namespace", Workload.AGENT_NAMESPACE);
    metadata.putObject("labels").put(MANAGED_BY, MANAGER).put(AgentManifest.PART_OF, "atrium");
    metadata
        .putObject("annotations")
        .put(AgentManifest.TARGET_ANNOTATION, workspace() + "/" + target);
    return hub.post(workspace.url(serviceAccounts()), body);
  }

  public HubResponse getServiceAccount(String target) {
    return hub.get(workspace.url(serviceAccounts() + "/" + Workload.agentServiceAccount(target)));
  }

  /** A TokenRequest for the agent's ServiceAccount. */
  public HubResponse requestToken(String target, long seconds) {
    ObjectNode body = JSON.createObjectNode();
    body.put("apiVersion", "authentication.k8s.io/v1").put("kind", "TokenRequest");
    body.putObject("spec").put("expirationSeconds", seconds);
    return hub.post(
        workspace.url(serviceAccounts() + "/" + Workload.agentServiceAccount(target) + "/token"),
        body);
  }

  private static String serviceAccounts() {
    return "/api/v1/namespaces/" + Workload.AGENT_NAMESPACE + "/serviceaccounts";
  }

  /** A failed request as the user should read it, with what was being done. */
  public CliException failure(String doing, HubResponse response) {
    String where = " in workspace " + workspace();
    return switch (response.code()) {
      case 401 ->
          new CliException(
              "cannot "
                  + doing
                  + ": Unauthorized: the hub did not accept the credentials of the context");
      case 403 ->
          new CliException(
              "cannot " + doing + where + ": access denied (Forbidden): " + response.message());
      default -> new CliException("cannot " + doing + where + ": " + response.message());
    };
  }

  /**
   * A 404 on the SyncTarget collection: the workspace does not exist, or the hub does not serve the
   * kind.
   */
  public CliException notServed(String doing, HubResponse response) {
    return new CliException(
        "cannot "
            + doing
            + ": workspace "
            + workspace()
            + " does not exist or the hub does not serve "
            + Workload.SYNC_TARGETS
            + "."
            + Workload.GROUP
            + " ("
            + response.message()
            + ")");
  }
}
