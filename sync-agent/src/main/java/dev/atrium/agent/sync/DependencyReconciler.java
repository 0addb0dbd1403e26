package dev.atrium.agent.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.downstream.Downstream;
import dev.atrium.agent.hub.HubApi;
import dev.atrium.agent.hub.HubClient;
import dev.atrium.agent.hub.HubException;
import dev.atrium.agent.mapping.DownstreamMapper;
import dev.atrium.agent.mapping.Drift;
import dev.atrium.agent.mapping.Gvr;
import dev.atrium.agent.mapping.ObjectRef;
import dev.atrium.agent.mapping.UpstreamObject;
import dev.atrium.model.workload.References;
import dev.atrium.model.workload.Workload;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ConfigMaps, Secrets and ServiceAccounts a synced workload refers to (and that are not synced
 * themselves) are copied down beside it. Steps: {@link References#of}, {@link #due} (after the
 * workload was applied, when the copy is missing, or once per resync period), {@link #copy} (GET
 * through the view, apply when drifted). A reference the view does not answer is skipped.
 */
public final class DependencyReconciler {

  private static final Map<String, Gvr> TYPES =
      Map.of(
          "configmaps", new Gvr("", "v1", "configmaps", "ConfigMap", true),
          "secrets", new Gvr("", "v1", "secrets", "Secret", true),
          "serviceaccounts", new Gvr("", "v1", "serviceaccounts", "ServiceAccount", true));

  private final HubApi hub;
  private final Downstream downstream;
  private final DownstreamMapper mapper;
  private final UpstreamCache cache;
  private final String key;
  private final Duration refresh;
  private final Clock clock;
  private final Map<ObjectRef, Long> fetched = new ConcurrentHashMap<>();
  private boolean enabled = true;

  public DependencyReconciler(
      HubApi hub,
      Downstream downstream,
      DownstreamMapper mapper,
      UpstreamCache cache,
      String key,
      Duration refresh,
      Clock clock) {
    this.hub = hub;
    this.downstream = downstream;
    this.mapper = mapper;
    this.cache = cache;
    this.key = key;
    this.refresh = refresh;
    this.clock = clock;
  }

  /** A reconciler that copies nothing (the default: only labelled objects are synced). */
  public static DependencyReconciler off() {
    DependencyReconciler off = new DependencyReconciler(null, null, null, null, null, null, null);
    off.enabled = false;
    return off;
  }

  /** {@code applied}: the workload itself was just (re-)applied downstream. */
  public void reconcile(UpstreamObject up, boolean applied)
      throws IOException, InterruptedException {
    if (!enabled || up.namespace().isEmpty()) {
      return;
    }
    for (References.Ref r : References.of(up.object())) {
      if (!copied(r)) {
        continue;
      }
      ObjectRef ref = new ObjectRef(up.workspace(), "", r.resource(), up.namespace(), r.name());
      if (cache.get(ref) == null && due(ref, TYPES.get(r.resource()), up, applied)) {
        copy(up, ref, TYPES.get(r.resource()));
      }
    }
  }

  /** The downstream namespace has its own {@code default} ServiceAccount; it is never copied. */
  static boolean copied(References.Ref r) {
    return !(r.resource().equals("serviceaccounts") && r.name().equals("default"));
  }

  boolean due(ObjectRef ref, Gvr gvr, UpstreamObject up, boolean applied) {
    downstream.watch(gvr, Workload.SYNC_TARGET_LABEL, key, (g, o) -> {});
    Long last = fetched.get(ref);
    return applied
        || last == null
        || clock.millis() - last > refresh.toMillis()
        || downstream.get(gvr, DownstreamMapper.downstreamNamespace(up), ref.name()) == null;
  }

  void copy(UpstreamObject referrer, ObjectRef ref, Gvr gvr)
      throws IOException, InterruptedException {
    ObjectNode object;
    try {
      object =
          hub.get(
              HubClient.inWorkspace(ref.workspace(), gvr.objectPath(ref.namespace(), ref.name())));
    } catch (HubException e) {
      if (e.code() != 403) {
        throw e;
      }
      object = null;
    }
    fetched.put(ref, clock.millis());
    if (object == null) {
      return;
    }
    UpstreamObject dep = new UpstreamObject(ref.workspace(), "", "v1", ref.resource(), object);
    ObjectNode desired = mapper.toDownstream(dep);
    ObjectNode actual =
        downstream.get(gvr, DownstreamMapper.downstreamNamespace(referrer), ref.name());
    if (Drift.needsApply(desired, actual)) {
      downstream.apply(gvr, desired);
    }
  }
}
