package dev.atrium.agent.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.downstream.Downstream;
import dev.atrium.agent.hub.HubApi;
import dev.atrium.agent.hub.HubClient;
import dev.atrium.agent.hub.HubException;
import dev.atrium.agent.mapping.DownstreamMapper;
import dev.atrium.agent.mapping.Json;
import dev.atrium.agent.mapping.UpstreamObject;
import dev.atrium.model.workload.Workload;
import java.io.IOException;

/**
 * Upstream deletion to downstream deletion. Steps: {@link #deleteCopy} (and wait until it is gone),
 * then {@link #releaseFinalizer} (JSON patch with a {@code test} op on the index).
 */
public final class DeletionReconciler {

  private final HubApi hub;
  private final Downstream downstream;
  private final String key;

  public DeletionReconciler(HubApi hub, Downstream downstream, String key) {
    this.hub = hub;
    this.downstream = downstream;
    this.key = key;
  }

  /** The object is being deleted upstream: delete the copy, then let the upstream object go. */
  public void release(UpstreamObject up) throws IOException, InterruptedException {
    deleteCopy(up);
    releaseFinalizer(up);
  }

  /** Deletes the downstream copy of {@code up}; retries later while it is still terminating. */
  public void deleteCopy(UpstreamObject up) {
    String ns = DownstreamMapper.downstreamNamespace(up);
    ObjectNode actual = downstream.get(up.gvr(), ns, up.name());
    if (actual == null || !ownedCopy(actual)) {
      return;
    }
    if (!Json.at(actual, "metadata", "deletionTimestamp").isTextual()) {
      downstream.delete(up.gvr(), ns, up.name());
    }
    if (downstream.get(up.gvr(), ns, up.name()) != null) {
      throw new RetryLater("downstream " + up.ref() + " is still being deleted");
    }
  }

  void releaseFinalizer(UpstreamObject up) throws IOException, InterruptedException {
    int i = up.finalizers().indexOf(Workload.syncerFinalizer(key));
    if (i < 0) {
      return;
    }
    try {
      hub.patch(
          HubClient.inWorkspace(up.workspace(), up.path()),
          HubClient.JSON_PATCH,
          finalizerPatch(i, Workload.syncerFinalizer(key)));
    } catch (HubException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  static ArrayNode finalizerPatch(int index, String finalizer) {
    ArrayNode patch = Json.MAPPER.createArrayNode();
    String path = "/metadata/finalizers/" + index;
    patch.addObject().put("op", "test").put("path", path).put("value", finalizer);
    patch.addObject().put("op", "remove").put("path", path);
    return patch;
  }

  private boolean ownedCopy(ObjectNode actual) {
    return key.equals(Json.text(actual, "metadata", "labels", Workload.SYNC_TARGET_LABEL));
  }
}
