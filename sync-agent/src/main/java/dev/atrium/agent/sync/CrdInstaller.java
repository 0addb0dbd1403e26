package dev.atrium.agent.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.downstream.Downstream;
import dev.atrium.agent.hub.HubApi;
import dev.atrium.agent.hub.HubClient;
import dev.atrium.agent.mapping.DownstreamMapper;
import dev.atrium.agent.mapping.Drift;
import dev.atrium.agent.mapping.Gvr;
import dev.atrium.agent.mapping.Json;
import dev.atrium.agent.mapping.UpstreamObject;
import dev.atrium.model.catalog.BuiltinCatalog;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installs the CRD of a synced custom resource before the resource itself: fetch it through the
 * view, apply it downstream, wait until it is Established. Steps: {@link #fetch}, {@link
 * #applyIfChanged}, {@link #awaitEstablished}.
 */
public final class CrdInstaller {

  static final long ESTABLISHED_TIMEOUT_MS = 20_000;

  /** A CRD installed this recently is not fetched again for each of its custom resources. */
  static final long FRESH_MS = 30_000;

  private final HubApi hub;
  private final Downstream downstream;
  private final DownstreamMapper mapper;
  private final Map<String, Boolean> statusSubresource = new ConcurrentHashMap<>();
  private final Map<String, Long> ensured = new ConcurrentHashMap<>();

  public CrdInstaller(HubApi hub, Downstream downstream, DownstreamMapper mapper) {
    this.hub = hub;
    this.downstream = downstream;
    this.mapper = mapper;
  }

  /** Whether {@code up} is a custom resource (not a kind the hub has built in). */
  public static boolean custom(UpstreamObject up) {
    return BuiltinCatalog.byResource(up.group(), up.resource()).isEmpty();
  }

  public static String crdName(UpstreamObject up) {
    return up.resource() + "." + up.group();
  }

  /** Makes sure the CRD of custom resource {@code up} is Established downstream. */
  public void ensure(UpstreamObject up) throws IOException, InterruptedException {
    Long at = ensured.get(key(up));
    if (at != null && System.currentTimeMillis() - at < FRESH_MS) {
      return;
    }
    ObjectNode upstreamCrd = fetch(up);
    ObjectNode desired = mapper.crd(upstreamCrd);
    statusSubresource.put(key(up), hasStatus(upstreamCrd, up.version()));
    applyIfChanged(desired);
    awaitEstablished(crdName(up));
    ensured.put(key(up), System.currentTimeMillis());
  }

  /** The next {@link #ensure} checks the CRD again (an apply of one of its resources failed). */
  public void forget(UpstreamObject up) {
    ensured.remove(key(up));
  }

  /** Whether the CRD of {@code up} declares a status subresource (known after {@link #ensure}). */
  public boolean hasStatusSubresource(UpstreamObject up) {
    return statusSubresource.getOrDefault(key(up), false);
  }

  ObjectNode fetch(UpstreamObject up) throws IOException, InterruptedException {
    ObjectNode crd =
        hub.get(HubClient.inWorkspace(up.workspace(), Gvr.CRDS.objectPath("", crdName(up))));
    if (crd == null) {
      throw new SyncFailure(
          "MissingCRD", "CustomResourceDefinition " + crdName(up) + " not found upstream", null);
    }
    return crd;
  }

  void applyIfChanged(ObjectNode desired) {
    ObjectNode actual = downstream.get(Gvr.CRDS, "", Json.text(desired, "metadata", "name"));
    ObjectNode spec = Json.object();
    spec.set("spec", desired.get("spec"));
    if (actual == null || !Drift.contains(spec, actual)) {
      downstream.apply(Gvr.CRDS, desired);
    }
  }

  void awaitEstablished(String name) throws InterruptedException {
    long deadline = System.currentTimeMillis() + ESTABLISHED_TIMEOUT_MS;
    while (!established(downstream.get(Gvr.CRDS, "", name))) {
      if (System.currentTimeMillis() > deadline) {
        throw new SyncFailure("CRDNotEstablished", "CRD " + name + " is not Established", null);
      }
      Thread.sleep(100);
    }
  }

  static boolean established(JsonNode crd) {
    if (crd == null) {
      return false;
    }
    for (JsonNode c : crd.path("status").path("conditions")) {
      if ("Established".equals(c.path("type").asText())
          && "True".equals(c.path("status").asText())) {
        return true;
      }
    }
    return false;
  }

  static boolean hasStatus(JsonNode crd, String version) {
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (version.equals(v.path("name").asText())) {
        return v.path("subresources").has("status");
      }
    }
    return false;
  }

  private static String key(UpstreamObject up) {
    return up.workspace() + "|" + crdName(up);
  }
}
