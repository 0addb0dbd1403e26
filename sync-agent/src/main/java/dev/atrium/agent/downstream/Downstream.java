package dev.atrium.agent.downstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.mapping.Gvr;
import java.util.List;

/** What the reconcilers need from the physical cluster; {@link FabricDownstream} implements it. */
public interface Downstream {

  /** The object, from the informer cache when one runs for {@code gvr}; null when absent. */
  ObjectNode get(Gvr gvr, String namespace, String name);

  /** Server-side apply as {@code atrium-syncer}, forcing conflicts; returns the result. */
  ObjectNode apply(Gvr gvr, ObjectNode object);

  /** Deletes the object; false when it was not there. */
  boolean delete(Gvr gvr, String namespace, String name);

  /** Resource types that can be listed and deleted (discovery), for the orphan sweep. */
  List<Gvr> discover();

  /** Every object of {@code gvr}, in all namespaces, with {@code label=value}. */
  List<ObjectNode> listLabelled(Gvr gvr, String label, String value);

  /** Starts (once) an informer on {@code gvr} for objects labelled {@code label=value}. */
  void watch(Gvr gvr, String label, String value, DownstreamListener listener);

  /** Called for downstream changes of watched objects. */
  interface DownstreamListener {
    void changed(Gvr gvr, ObjectNode object);
  }
}
