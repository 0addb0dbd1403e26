package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.api.codec.BodyCodec;
import dev.atrium.hub.auth.syncer.SyncerAccess;
import dev.atrium.hub.auth.syncer.SyncerAccess.View;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.model.workload.Workload;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A sync agent's write to the main resource of an object it syncs: allowed only when its one effect
 * is removing the target's finalizer {@code workload.atrium.dev/syncer-<key>}. The check runs
 * inside the update, on the state it replaces, so a concurrent change cannot slip through.
 */
@ApplicationScoped
public class SyncerFinalizerRelease {

  @Inject ResourceDispatcher resources;
  @Inject GenericRegistry registry;

  void serve(RoutingContext ctx, View view, RequestInfo info, UserInfo user) {
    ApiRequest req = resources.request(ctx, info, user);
    UnaryOperator<ObjectNode> change = change(req);
    String finalizer = Workload.syncerFinalizer(view.key());
    registry
        .update(
            req.type(),
            req.key(),
            "",
            0,
            current -> {
              ObjectNode before = current.deepCopy();
              ObjectNode after = change.apply(current);
              if (!onlyReleases(before, after, finalizer)) {
                throw SyncerAccess.forbidden(view, info);
              }
              return after;
            },
            new WriteOptions(req.query().dryRun(), Workload.FIELD_MANAGER))
        .subscribe()
        .with(o -> Responses.json(ctx, 200, o.body()), req::fail);
  }

  private static UnaryOperator<ObjectNode> change(ApiRequest req) {
    if (req.info().verb().equals("patch")) {
      if (Patches.isApply(req.contentType())) {
        throw ApiException.badRequest(
            "the syncer view releases finalizers with a patch, not apply");
      }
      return Patches.of(req.type(), req.contentType(), req.body());
    }
    ObjectNode body = BodyCodec.decodeObject(req.contentType(), req.body());
    return current -> body;
  }

  /** Whether {@code after} is {@code before} without {@code finalizer} (and nothing else). */
  static boolean onlyReleases(ObjectNode before, ObjectNode after, String finalizer) {
    List<String> was = ObjectMeta.finalizers(before);
    List<String> is = ObjectMeta.finalizers(after);
    List<String> expected = new java.util.ArrayList<>(was);
    expected.remove(finalizer);
    if (!is.equals(expected) || is.equals(was)) {
      return false;
    }
    return comparable(before).equals(comparable(after));
  }

  private static ObjectNode comparable(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    ObjectNode meta = ObjectMeta.of(copy);
    meta.remove("finalizers");
    meta.remove("resourceVersion");
    meta.remove("managedFields");
    return copy;
  }
}
