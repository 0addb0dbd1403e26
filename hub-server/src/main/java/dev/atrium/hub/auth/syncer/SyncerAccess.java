package dev.atrium.hub.auth.syncer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.hub.storage.ListRequest;
import dev.atrium.hub.storage.ObjectKey;
import dev.atrium.hub.storage.ResourceScope;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.hub.storage.selection.FieldSelector;
import dev.atrium.hub.storage.selection.LabelSelector;
import dev.atrium.hub.storage.selection.Selection;
import dev.atrium.model.workload.References;
import dev.atrium.model.workload.Workload;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;

/**
 * What a sync agent may do through its syncer view (docs/internals/syncer-view.md): read what is
 * synced to its target and what that references, read CRDs, write status, release its own
 * finalizer, report Events, heartbeat. Everything else is 403.
 */
@ApplicationScoped
public class SyncerAccess {

  /** How an allowed request proceeds. */
  public enum Decision {
    /** Served by the ordinary handlers, without RBAC. */
    ALLOW,
    /** A main-resource patch/update that may only remove the target's finalizer. */
    RELEASE_FINALIZER
  }

  /** The target a view belongs to. */
  public record View(String workspace, String target) {
    public String key() {
      return Workload.targetKey(workspace, target);
    }
  }

  private static final Set<String> REFERENCEABLE =
      Set.of("configmaps", "secrets", "serviceaccounts");
  private static final String CRD_GROUP = "apiextensions.k8s.io";

  @Inject GenericRegistry registry;

  /** Whether {@code user} acts for the view's target: its agent ServiceAccount, or an admin. */
  public static boolean actsFor(View view, UserInfo user) {
    String agent =
        "system:serviceaccount:"
            + Workload.AGENT_NAMESPACE
            + ":"
            + Workload.agentServiceAccount(view.target());
    return user.privileged() || user.name().equals(agent);
  }

  /** The decision for {@code info} (addressing a workspace the view serves), or a 403 failure. */
  public Uni<Decision> decide(View view, RequestInfo info, UserInfo user) {
    if (!info.resourceRequest() || !Workload.serves(view.workspace(), info.cluster())) {
      return deny(view, info);
    }
    if (isOwnTarget(view, info)) {
      return ownTarget(view, info);
    }
    if (info.group().equals(CRD_GROUP) && info.resource().equals("customresourcedefinitions")) {
      return readOnly(info) ? allow() : deny(view, info);
    }
    if (info.verb().equals("create")) {
      boolean event = info.group().isEmpty() && info.resource().equals("events");
      return event && !info.namespace().isEmpty() && info.subresource().isEmpty()
          ? allow()
          : deny(view, info);
    }
    if (info.name().isEmpty()) {
      return deny(view, info);
    }
    return switch (info.verb()) {
      case "get" -> info.subresource().isEmpty() ? readable(view, info) : deny(view, info);
      case "update", "patch" -> writable(view, info);
      default -> deny(view, info);
    };
  }

  private static boolean isOwnTarget(View view, RequestInfo info) {
    return info.group().equals(Workload.GROUP) && info.resource().equals(Workload.SYNC_TARGETS);
  }

  private static Uni<Decision> ownTarget(View view, RequestInfo info) {
    boolean mine = info.cluster().equals(view.workspace()) && info.name().equals(view.target());
    boolean get = info.verb().equals("get") && info.subresource().isEmpty();
    boolean status =
        (info.verb().equals("update") || info.verb().equals("patch"))
            && info.subresource().equals("status");
    return mine && (get || status) ? allow() : deny(view, info);
  }

  private Uni<Decision> readable(View view, RequestInfo info) {
    return current(info)
        .chain(
            object -> {
              if (object != null && syncedTo(view, object.body())) {
                return allow();
              }
              if (object != null
                  && info.group().isEmpty()
                  && REFERENCEABLE.contains(info.resource())) {
                return referenced(view, info).chain(yes -> yes ? allow() : deny(view, info));
              }
              return deny(view, info);
            });
  }

  private Uni<Decision> writable(View view, RequestInfo info) {
    return current(info)
        .chain(
            object -> {
              if (object == null) {
                return deny(view, info);
              }
              if (info.subresource().equals("status") && syncedTo(view, object.body())) {
                return allow();
              }
              boolean holds =
                  ObjectMeta.finalizers(object.body())
                      .contains(Workload.syncerFinalizer(view.key()));
              return info.subresource().isEmpty() && holds
                  ? Uni.createFrom().item(Decision.RELEASE_FINALIZER)
                  : deny(view, info);
            });
  }

  /** Whether a synced object in the same namespace refers to the requested one. */
  private Uni<Boolean> referenced(View view, RequestInfo info) {
    LabelSelector labels =
        LabelSelector.parse(Workload.stateLabel(view.key()) + "=" + Workload.STATE_SYNC);
    ResourceScope namespace =
        new ResourceScope(info.cluster(), ResourceScope.ANY, ResourceScope.ANY, info.namespace());
    Selection selection = new Selection(labels, FieldSelector.EVERYTHING, o -> Map.of());
    References.Ref wanted = new References.Ref(info.resource(), info.name());
    return registry
        .list(new ListRequest(namespace, selection, 0, null, 0))
        .map(page -> page.items().stream().anyMatch(o -> References.of(o.body()).contains(wanted)));
  }

  /** Whether {@code object} is labelled for the view's target. */
  public static boolean syncedTo(View view, JsonNode object) {
    return Workload.STATE_SYNC.equals(
        object.path("metadata").path("labels").path(Workload.stateLabel(view.key())).asText(""));
  }

  private Uni<StoredObject> current(RequestInfo info) {
    ObjectKey key =
        new ObjectKey(info.cluster(), info.group(), info.resource(), info.namespace(), info.name());
    return registry.get(key).onFailure(StorageException.NotFound.class).recoverWithNull();
  }

  private static boolean readOnly(RequestInfo info) {
    return info.subresource().isEmpty()
        && (info.verb().equals("get") || info.verb().equals("list") || info.verb().equals("watch"));
  }

  private static Uni<Decision> allow() {
    return Uni.createFrom().item(Decision.ALLOW);
  }

  private static Uni<Decision> deny(View view, RequestInfo info) {
    return Uni.createFrom().failure(forbidden(view, info));
  }

  /** The 403 of the syncer view. */
  public static ApiException forbidden(View view, RequestInfo info) {
    String what =
        info.resourceRequest()
            ? info.verb()
                + " "
                + (info.group().isEmpty() ? info.resource() : info.resource() + "." + info.group())
                + (info.subresource().isEmpty() ? "" : "/" + info.subresource())
                + (info.name().isEmpty() ? "" : " \"" + info.name() + "\"")
            : info.verb() + " path \"" + info.path() + "\"";
    return new ApiException(
        403,
        "Forbidden",
        what
            + " is forbidden: the syncer view of sync target \""
            + view.target()
            + "\" in workspace \""
            + view.workspace()
            + "\" does not allow it in workspace \""
            + info.cluster()
            + "\"",
        null);
  }
}
