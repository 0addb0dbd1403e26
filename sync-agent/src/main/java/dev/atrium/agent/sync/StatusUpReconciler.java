package dev.atrium.agent.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.hub.HubApi;
import dev.atrium.agent.hub.HubClient;
import dev.atrium.agent.hub.HubException;
import dev.atrium.agent.mapping.StatusMapper;
import dev.atrium.agent.mapping.SyncError;
import dev.atrium.agent.mapping.UpstreamObject;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Downstream status to the upstream object's {@code status} subresource. Steps: {@link #wanted}
 * (only kinds with a status), {@link StatusMapper#upstreamStatus} (empty when nothing changed),
 * {@link #write} (merge patch; the answer goes into the cache so the next compare sees it).
 */
public final class StatusUpReconciler {

  private final HubApi hub;
  private final UpstreamCache cache;
  private final Predicate<UpstreamObject> hasStatus;
  private final Clock clock;
  private final String key;

  public StatusUpReconciler(
      HubApi hub,
      UpstreamCache cache,
      Predicate<UpstreamObject> hasStatus,
      Clock clock,
      String key) {
    this.key = key;
    this.hub = hub;
    this.cache = cache;
    this.hasStatus = hasStatus;
    this.clock = clock;
  }

  /** Returns whether a status was written. */
  public boolean reconcile(UpstreamObject up, JsonNode downstream, SyncError error)
      throws IOException, InterruptedException {
    if (!wanted(up)) {
      return false;
    }
    Optional<ObjectNode> next =
        StatusMapper.upstreamStatus(up, key, downstream, error, clock.instant());
    if (next.isEmpty()) {
      return false;
    }
    write(up, next.get());
    return true;
  }

  boolean wanted(UpstreamObject up) {
    return StatusMapper.BUILTIN_STATUS_KINDS.contains(up.group() + "/" + up.resource())
        || hasStatus.test(up);
  }

  void write(UpstreamObject up, ObjectNode status) throws IOException, InterruptedException {
    String path = HubClient.inWorkspace(up.workspace(), up.path() + "/status");
    try {
      ObjectNode written =
          hub.patch(
              path,
              HubClient.MERGE_PATCH,
              StatusMapper.mergePatch(StatusMapper.currentStatus(up, key), status));
      if (written != null && written.has("metadata")) {
        cache.put(
            new UpstreamObject(up.workspace(), up.group(), up.version(), up.resource(), written));
      }
    } catch (HubException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }
}
