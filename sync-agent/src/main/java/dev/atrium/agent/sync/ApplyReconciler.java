package dev.atrium.agent.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.downstream.Downstream;
import dev.atrium.agent.mapping.DownstreamMapper;
import dev.atrium.agent.mapping.Drift;
import dev.atrium.agent.mapping.Gvr;
import dev.atrium.agent.mapping.Json;
import dev.atrium.agent.mapping.UpstreamObject;
import dev.atrium.model.workload.Workload;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream object to downstream copy. Steps: {@link #installCrd} (custom resources), {@link
 * #ensureNamespace}, {@link #applyIfDrifted}. Applies only when the desired object is not already
 * contained in the downstream one, so status changes and defaults never cause an apply. A namespace
 * this agent has just applied counts as present until the namespace informer has it too, so the
 * objects that follow it into a new namespace do not apply it again.
 */
public final class ApplyReconciler {

  private final Downstream downstream;
  private final DownstreamMapper mapper;
  private final CrdInstaller crds;
  private final String key;
  private final Downstream.DownstreamListener listener;
  private final Map<String, ObjectNode> namespacesApplied = new ConcurrentHashMap<>();

  public ApplyReconciler(
      Downstream downstream,
      DownstreamMapper mapper,
      CrdInstaller crds,
      String key,
      Downstream.DownstreamListener listener) {
    this.downstream = downstream;
    this.mapper = mapper;
    this.crds = crds;
    this.key = key;
    this.listener = listener;
  }

  /**
   * The downstream object as it is after the reconcile.
   *
   * @param object the downstream object
   * @param applied whether it was (re-)applied in this pass
   */
  public record Result(ObjectNode object, boolean applied) {}

  public Result reconcile(UpstreamObject up) throws IOException, InterruptedException {
    installCrd(up);
    ensureNamespace(up);
    return applyIfDrifted(up);
  }

  void installCrd(UpstreamObject up) throws IOException, InterruptedException {
    if (CrdInstaller.custom(up)) {
      crds.ensure(up);
    }
  }

  void ensureNamespace(UpstreamObject up) {
    if (up.namespace().isEmpty()) {
      return;
    }
    downstream.watch(Gvr.NAMESPACES, Workload.SYNC_TARGET_LABEL, key, (g, o) -> {});
    ObjectNode desired = mapper.namespace(up.workspace(), up.namespace());
    String name = Json.text(desired, "metadata", "name");
    ObjectNode actual = downstream.get(Gvr.NAMESPACES, "", name);
    if (actual == null) {
      actual = namespacesApplied.get(name);
    } else {
      namespacesApplied.remove(name);
    }
    if (actual != null && Json.at(actual, "metadata", "deletionTimestamp").isTextual()) {
      throw new RetryLater("namespace " + name + " is terminating");
    }
    if (actual == null || !Drift.contains(desired.get("metadata"), actual.get("metadata"))) {
      namespacesApplied.put(name, apply(Gvr.NAMESPACES, desired));
    }
  }

  Result applyIfDrifted(UpstreamObject up) {
    Gvr gvr = up.gvr();
    downstream.watch(gvr, Workload.SYNC_TARGET_LABEL, key, listener);
    ObjectNode desired = mapper.toDownstream(up);
    ObjectNode actual = current(up);
    if (!Drift.needsApply(desired, actual)) {
      return new Result(actual, false);
    }
    try {
      return new Result(apply(gvr, desired), true);
    } catch (SyncFailure f) {
      crds.forget(up);
      namespacesApplied.remove(DownstreamMapper.downstreamNamespace(up));
      throw f;
    }
  }

  /** The downstream copy of {@code up} as the informer has it; null when there is none. */
  public ObjectNode current(UpstreamObject up) {
    return downstream.get(up.gvr(), DownstreamMapper.downstreamNamespace(up), up.name());
  }

  /**
   * Whether the downstream copy differs from what {@code up} wants (missing, a synced field
   * changed): a downstream change that needs the apply queue rather than only a status write.
   */
  public boolean drifted(UpstreamObject up) {
    return Drift.needsApply(mapper.toDownstream(up), current(up));
  }

  private ObjectNode apply(Gvr gvr, ObjectNode desired) {
    try {
      return downstream.apply(gvr, desired);
    } catch (KubernetesClientException e) {
      throw failure(e);
    }
  }

  static SyncFailure failure(KubernetesClientException e) {
    String message =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    return new SyncFailure(reason(e.getCode(), message), message, e);
  }

  static String reason(int code, String message) {
    return switch (code) {
      case 422 -> "Invalid";
      case 403 ->
          message != null && message.contains("exceeded quota") ? "QuotaExceeded" : "Forbidden";
      case 404 -> "NotFound";
      case 409 -> "Conflict";
      case 400 -> "BadRequest";
      default -> "ApplyFailed";
    };
  }
}
