package dev.atrium.agent.sync;

import dev.atrium.agent.mapping.ObjectRef;
import dev.atrium.agent.mapping.UpstreamObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's picture of the view: the last state of every object synced to the target, and the
 * last state of objects that left it (tombstones) until their downstream copies are gone.
 */
public final class UpstreamCache {

  private final Map<ObjectRef, UpstreamObject> live = new ConcurrentHashMap<>();
  private final Map<ObjectRef, UpstreamObject> tombstones = new ConcurrentHashMap<>();
  private volatile boolean listed;

  /** Replaces everything with a fresh list; returns every key that needs a reconcile. */
  public synchronized Set<ObjectRef> replace(List<UpstreamObject> items) {
    Set<ObjectRef> touched = new HashSet<>();
    Map<ObjectRef, UpstreamObject> next = new ConcurrentHashMap<>();
    for (UpstreamObject o : items) {
      next.put(o.ref(), o);
    }
    for (Map.Entry<ObjectRef, UpstreamObject> e : live.entrySet()) {
      if (!next.containsKey(e.getKey())) {
        tombstones.put(e.getKey(), e.getValue());
        touched.add(e.getKey());
      }
    }
    live.clear();
    live.putAll(next);
    next.keySet().forEach(tombstones::remove);
    touched.addAll(next.keySet());
    listed = true;
    return touched;
  }

  /** An ADDED or MODIFIED object; ignored when older than what is cached. */
  public synchronized ObjectRef put(UpstreamObject o) {
    ObjectRef ref = o.ref();
    UpstreamObject old = live.get(ref);
    if (old == null || !older(o, old)) {
      live.put(ref, o);
      tombstones.remove(ref);
    }
    return ref;
  }

  /** A DELETED object: kept as a tombstone until its downstream copy is deleted. */
  public synchronized ObjectRef remove(UpstreamObject o) {
    ObjectRef ref = o.ref();
    live.remove(ref);
    tombstones.put(ref, o);
    return ref;
  }

  public UpstreamObject get(ObjectRef ref) {
    return live.get(ref);
  }

  public UpstreamObject tombstone(ObjectRef ref) {
    return tombstones.get(ref);
  }

  public void clearTombstone(ObjectRef ref, UpstreamObject seen) {
    tombstones.remove(ref, seen);
  }

  public boolean known(ObjectRef ref) {
    return live.containsKey(ref) || tombstones.containsKey(ref);
  }

  public Collection<UpstreamObject> all() {
    return new ArrayList<>(live.values());
  }

  public Set<ObjectRef> keys() {
    return new HashSet<>(live.keySet());
  }

  /** Whether a full list has been loaded since the agent started. */
  public boolean listed() {
    return listed;
  }

  private static boolean older(UpstreamObject candidate, UpstreamObject cached) {
    try {
      long a = Long.parseLong(rv(candidate));
      long b = Long.parseLong(rv(cached));
      return a < b;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String rv(UpstreamObject o) {
    return o.object().path("metadata").path("resourceVersion").asText("");
  }
}
