package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.api.codec.BodyCodec;
import dev.atrium.hub.auth.syncer.SyncerAccess.View;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ReadView;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.UnaryOperator;

/**
 * A sync agent's status write (patch or update of {@code /status}) through its view: applied to the
 * target's own status of the object, which the hub keeps per target and aggregates into the
 * object's status (see {@link GenericRegistry#updateTargetStatus}).
 */
@ApplicationScoped
public class SyncerStatusWrite {

  @Inject ResourceDispatcher resources;
  @Inject GenericRegistry registry;

  void serve(RoutingContext ctx, View view, RequestInfo info, UserInfo user) {
    ApiRequest req = resources.request(ctx, info, user);
    registry
        .updateTargetStatus(req.type(), req.key(), view.key(), change(req))
        .subscribe()
        .with(o -> Responses.json(ctx, 200, ReadView.of(req.type(), o.body())), req::fail);
  }

  private static UnaryOperator<ObjectNode> change(ApiRequest req) {
    if (req.info().verb().equals("patch") && Patches.isApply(req.contentType())) {
      throw ApiException.badRequest("the syncer view takes status as a patch or an update");
    }
    return statusChange(req);
  }

  /**
   * What a patch of {@code /status}, or an update taking its {@code status} from the body, makes.
   */
  static UnaryOperator<ObjectNode> statusChange(ApiRequest req) {
    if (req.info().verb().equals("patch")) {
      return Patches.of(req.type(), req.contentType(), req.body());
    }
    ObjectNode body = BodyCodec.decodeObject(req.contentType(), req.body());
    return current -> {
      ObjectNode next = current.deepCopy();
      next.set("status", body.path("status").deepCopy());
      return next;
    };
  }
}
