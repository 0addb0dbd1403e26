package dev.atrium.agent.downstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.agent.mapping.Gvr;
import dev.atrium.agent.mapping.Json;
import dev.atrium.agent.queue.Timings;
import dev.atrium.model.workload.Workload;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** {@link Downstream} on the fabric8 client, with one label-filtered informer per resource type. */
public final class FabricDownstream implements Downstream {

  private static final Logger LOG = Logger.getLogger(FabricDownstream.class);

  private final KubernetesClient downstreamClient;
  private final Map<Gvr, SharedIndexInformer<GenericKubernetesResource>> informers =
      new ConcurrentHashMap<>();
  private final Timings applies = new Timings();

  public FabricDownstream(KubernetesClient downstreamClient) {
    this.downstreamClient = downstreamClient;
  }

  public KubernetesClient client() {
    return downstreamClient;
  }

  @Override
  public ObjectNode get(Gvr gvr, String namespace, String name) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(gvr);
    GenericKubernetesResource r;
    if (informer != null && informer.hasSynced()) {
      String key = namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
      r = informer.getIndexer().getByKey(key);
    } else {
      r = resource(gvr, namespace, name).get();
    }
    return r == null ? null : Json.MAPPER.valueToTree(r);
  }

  @Override
  public ObjectNode apply(Gvr gvr, ObjectNode object) {
    GenericKubernetesResource r = Json.MAPPER.convertValue(object, GenericKubernetesResource.class);
    long t0 = System.nanoTime();
    GenericKubernetesResource out =
        ops(gvr, r.getMetadata().getNamespace())
            .resource(r)
            .fieldManager(Workload.FIELD_MANAGER)
            .forceConflicts()
            .serverSideApply();
    applies.record(System.nanoTime() - t0);
    return Json.MAPPER.valueToTree(out);
  }

  /** How long the server-side applies took (request sent → answer parsed). */
  public Timings applies() {
    return applies;
  }

  @Override
  public boolean delete(Gvr gvr, String namespace, String name) {
    return !resource(gvr, namespace, name).delete().isEmpty();
  }

  @Override
  public List<Gvr> discover() {
    List<Gvr> out = new ArrayList<>();
    addResources(out, "", downstreamClient.getApiResources("v1"));
    for (APIGroup g : downstreamClient.getApiGroups().getGroups()) {
      GroupVersionForDiscovery v = g.getPreferredVersion();
      if (v == null) {
        continue;
      }
      try {
        addResources(out, g.getName(), downstreamClient.getApiResources(v.getGroupVersion()));
      } catch (KubernetesClientException e) {
        LOG.debugf("discovery of %s failed: %s", v.getGroupVersion(), e.getMessage());
      }
    }
    return out;
  }

  private static void addResources(List<Gvr> out, String group, APIResourceList list) {
    if (list == null) {
      return;
    }
    String version =
        list.getGroupVersion().contains("/")
            ? list.getGroupVersion().substring(list.getGroupVersion().indexOf('/') + 1)
            : list.getGroupVersion();
    for (APIResource r : list.getResources()) {
      if (r.getName().contains("/")
          || !r.getVerbs().contains("list")
          || !r.getVerbs().contains("delete")) {
        continue;
      }
      out.add(
          new Gvr(
              group, version, r.getName(), r.getKind(), Boolean.TRUE.equals(r.getNamespaced())));
    }
  }

  @Override
  public List<ObjectNode> listLabelled(Gvr gvr, String label, String value) {
    List<ObjectNode> out = new ArrayList<>();
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        op = downstreamClient.genericKubernetesResources(context(gvr));
    GenericKubernetesResourceList list =
        gvr.namespaced()
            ? op.inAnyNamespace().withLabel(label, value).list()
            : op.withLabel(label, value).list();
    for (GenericKubernetesResource r : list.getItems()) {
      out.add(Json.MAPPER.valueToTree(r));
    }
    return out;
  }

  @Override
  public void watch(Gvr gvr, String label, String value, DownstreamListener listener) {
    informers.computeIfAbsent(gvr, g -> startInformer(g, label, value, listener));
  }

  private SharedIndexInformer<GenericKubernetesResource> startInformer(
      Gvr gvr, String label, String value, DownstreamListener listener) {
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        op = downstreamClient.genericKubernetesResources(context(gvr));
    SharedIndexInformer<GenericKubernetesResource> informer =
        (gvr.namespaced()
                ? op.inAnyNamespace().withLabel(label, value)
                : op.withLabel(label, value))
            .runnableInformer(0);
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource obj) {
            listener.changed(gvr, Json.MAPPER.valueToTree(obj));
          }

          @Override
          public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            listener.changed(gvr, Json.MAPPER.valueToTree(newObj));
          }

          @Override
          public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
            listener.changed(gvr, Json.MAPPER.valueToTree(obj));
          }
        });
    try {
      informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warnf("informer for %s not synced yet: %s", gvr.groupResource(), e.getMessage());
    }
    return informer;
  }

  public void close() {
    informers.values().forEach(SharedIndexInformer::stop);
    downstreamClient.close();
  }

  private Resource<GenericKubernetesResource> resource(Gvr gvr, String namespace, String name) {
    return ops(gvr, namespace).withName(name);
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      ops(Gvr gvr, String namespace) {
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        op = downstreamClient.genericKubernetesResources(context(gvr));
    return gvr.namespaced() && namespace != null && !namespace.isEmpty()
        ? op.inNamespace(namespace)
        : op;
  }

  private static ResourceDefinitionContext context(Gvr gvr) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(gvr.group())
        .withVersion(gvr.version())
        .withPlural(gvr.resource())
        .withKind(gvr.kind())
        .withNamespaced(gvr.namespaced())
        .build();
  }
}
