package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.api.flow.FlowControl;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.ReadView;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.storage.ListPage;
import dev.atrium.hub.storage.ListRequest;
import dev.atrium.model.catalog.ResourceType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** get and list, as JSON or Table. */
@ApplicationScoped
public class ReadHandler {

  @Inject GenericRegistry registry;

  public void get(ApiRequest req) {
    registry.get(req.key()).subscribe().with(object -> respondOne(req, object.body()), req::fail);
  }

  public void respondOne(ApiRequest req, ObjectNode stored) {
    ObjectNode object = ReadView.of(req.type(), stored);
    String table = Accept.tableVersion(req.accept());
    if (table != null) {
      ObjectNode t =
          TableResponses.table(req.type(), List.of(object), table, includeObject(req), true);
      ((ObjectNode) t.get("metadata"))
          .set("resourceVersion", object.path("metadata").path("resourceVersion"));
      Responses.json(req.ctx(), 200, t);
      return;
    }
    Responses.json(req.ctx(), 200, object);
  }

  public void list(ApiRequest req) {
    ListOptions options = ListOptions.parse(req, false);
    ListRequest request =
        new ListRequest(
            req.scope(),
            options.selection(),
            options.limit(),
            options.continueToken(),
            options.exactRevision());
    fresh(options)
        .chain(() -> registry.list(request))
        .subscribe()
        .with(page -> respondList(req, page), req::fail);
  }

  private Uni<Void> fresh(ListOptions options) {
    long minimum = options.minimumRevision();
    if (minimum == 0) {
      return Uni.createFrom().voidItem();
    }
    return registry
        .store()
        .currentRevision()
        .map(
            current -> {
              if (current < minimum) {
                throw new ApiException(
                    504,
                    "Timeout",
                    "Too large resource version: " + minimum + ", current: " + current,
                    null);
              }
              return null;
            });
  }

  private void respondList(ApiRequest req, ListPage page) {
    req.ctx().put(FlowControl.LIST_ITEMS, page.items().size());
    String table = Accept.tableVersion(req.accept());
    ObjectNode body = table != null ? tableList(req, page, table) : jsonList(req.type(), page);
    ObjectNode meta = (ObjectNode) body.get("metadata");
    meta.put("resourceVersion", Long.toString(page.revision()));
    if (page.continueToken() != null) {
      meta.put("continue", page.continueToken());
    }
    Responses.json(req.ctx(), 200, body);
  }

  private static ObjectNode jsonList(ResourceType type, ListPage page) {
    ObjectNode list = JsonNodeFactory.instance.objectNode();
    list.put("kind", type.kind() + "List");
    list.put("apiVersion", type.apiVersion());
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    page.items().forEach(o -> items.add(ReadView.of(type, o.body())));
    return list;
  }

  private static ObjectNode tableList(ApiRequest req, ListPage page, String version) {
    List<ObjectNode> objects =
        page.items().stream().map(o -> ReadView.of(req.type(), o.body())).toList();
    return TableResponses.table(req.type(), objects, version, includeObject(req), true);
  }

  static String includeObject(ApiRequest req) {
    return req.query().get("includeObject", "Metadata");
  }
}
