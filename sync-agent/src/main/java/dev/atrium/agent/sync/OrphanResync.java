package dev.atrium.agent.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.downstream.Downstream;
import dev.atrium.agent.mapping.DownstreamMapper;
import dev.atrium.agent.mapping.Gvr;
import dev.atrium.agent.mapping.Json;
import dev.atrium.agent.mapping.UpstreamObject;
import dev.atrium.model.workload.References;
import dev.atrium.model.workload.Workload;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Deletes downstream objects that carry the target's label but have no upstream source. Steps:
 * {@link #labelled} (discovery over every listable+deletable type, label selector), then {@link
 * #wanted} (from the cache, computed after the listing so nothing applied meanwhile is lost), then
 * delete the difference.
 */
public final class OrphanResync {

  private static final Logger LOG = Logger.getLogger(OrphanResync.class);

  private final Downstream downstream;
  private final String key;
  private final boolean keepReferences;

  /** {@code keepReferences}: referenced objects are copied down too (--sync-references). */
  public OrphanResync(Downstream downstream, String key, boolean keepReferences) {
    this.downstream = downstream;
    this.key = key;
    this.keepReferences = keepReferences;
  }

  /**
   * One sweep. {@code upstream} supplies the objects to keep (read after the downstream listing);
   * an empty collection removes everything the target put downstream. Returns how many were
   * deleted.
   */
  public int sweep(java.util.function.Supplier<Collection<UpstreamObject>> upstream) {
    List<Labelled> found = labelled();
    Set<DownstreamIdentity> keep = wanted(upstream.get(), keepReferences);
    int deleted = 0;
    for (Labelled l : found) {
      DownstreamIdentity id =
          new DownstreamIdentity(
              l.gvr.group(),
              l.gvr.resource(),
              l.gvr.namespaced() ? nullToEmpty(Json.text(l.object, "metadata", "namespace")) : "",
              Json.text(l.object, "metadata", "name"));
      if (!keep.contains(id)
          && !followsAnOwner(l)
          && !Json.at(l.object, "metadata", "deletionTimestamp").isTextual()) {
        LOG.infof("deleting orphan %s %s/%s", l.gvr.groupResource(), id.namespace(), id.name());
        downstream.delete(l.gvr, id.namespace(), id.name());
        deleted++;
      }
    }
    return deleted;
  }

  record Labelled(Gvr gvr, ObjectNode object) {}

  /**
   * Objects a downstream controller made from ours and labelled like them (EndpointSlices and
   * Endpoints copy their Service's labels; anything with ownerReferences): their owner's deletion
   * removes them, so the sweep never deletes them itself.
   */
  static boolean followsAnOwner(Labelled l) {
    String r = l.gvr().resource();
    return r.equals("endpoints")
        || r.equals("endpointslices")
        || !Json.at(l.object(), "metadata", "ownerReferences").isEmpty();
  }

  List<Labelled> labelled() {
    List<Labelled> out = new java.util.ArrayList<>();
    for (Gvr gvr : downstream.discover()) {
      if (gvr.resource().equals("events")) {
        continue;
      }
      try {
        for (ObjectNode o : downstream.listLabelled(gvr, Workload.SYNC_TARGET_LABEL, key)) {
          out.add(new Labelled(gvr, o));
        }
      } catch (RuntimeException e) {
        LOG.debugf("listing %s failed: %s", gvr.groupResource(), e.getMessage());
      }
    }
    return out;
  }

  /** Downstream identities the given upstream objects account for. Pure. */
  static Set<DownstreamIdentity> wanted(
      Collection<UpstreamObject> upstream, boolean keepReferences) {
    Set<DownstreamIdentity> keep = new HashSet<>();
    for (UpstreamObject up : upstream) {
      String ns = DownstreamMapper.downstreamNamespace(up);
      keep.add(new DownstreamIdentity(up.group(), up.resource(), ns, up.name()));
      if (!ns.isEmpty()) {
        keep.add(new DownstreamIdentity("", "namespaces", "", ns));
        for (References.Ref r :
            keepReferences ? References.of(up.object()) : Set.<References.Ref>of()) {
          keep.add(new DownstreamIdentity("", r.resource(), ns, r.name()));
        }
      }
      if (CrdInstaller.custom(up)) {
        keep.add(
            new DownstreamIdentity(
                Gvr.CRDS.group(), Gvr.CRDS.resource(), "", CrdInstaller.crdName(up)));
      }
    }
    return keep;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
