package dev.atrium.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.admission.ApiBindingAdmission;
import dev.atrium.hub.admission.NamespaceLifecycle;
import dev.atrium.hub.admission.RbacEscalation;
import dev.atrium.hub.admission.WorkspaceAdmission;
import dev.atrium.hub.api.codec.BodyCodec;
import dev.atrium.hub.registry.CpuPool;
import dev.atrium.hub.registry.DeleteOptions;
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.MetadataShape;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.registry.apply.ManagedFields;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.storage.ListRequest;
import dev.atrium.hub.storage.StoredObject;
import dev.atrium.model.catalog.ResourceType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.UnaryOperator;

/** create, update, patch, delete and deletecollection on a resource or its status. */
@ApplicationScoped
public class WriteHandler {

  @Inject GenericRegistry registry;
  @Inject NamespaceLifecycle namespaceLifecycle;
  @Inject RbacEscalation rbacEscalation;
  @Inject ApplyPatch applyPatch;
  @Inject WorkspaceAdmission workspaceAdmission;
  @Inject ApiBindingAdmission apiBindingAdmission;
  @Inject CpuPool cpu;

  public void create(ApiRequest req) {
    if (req.type().namespaced() && req.info().namespace().isEmpty()) {
      throw ApiException.methodNotAllowed(
          "the server does not allow this method on the requested resource");
    }
    // The registry's shape check first: admission and escalation checks read the body too.
    ObjectNode body =
        FieldValidation.check(
            req,
            MetadataShape.check(req.type(), BodyCodec.decodeObject(req.contentType(), req.body())));
    checkTypeAndNamespace(req, body);
    rbacEscalation.check(req.type(), req.cluster(), req.namespace(), req.user(), body);
    namespaceLifecycle
        .admitCreate(req.type(), req.cluster(), req.namespace())
        .chain(() -> admitWorkspace(req, body))
        .chain(
            () -> registry.create(req.type(), req.cluster(), req.namespace(), body, options(req)))
        .subscribe()
        .with(o -> written(req, 201, o.body()), req::fail);
  }

  private Uni<Void> admitWorkspace(ApiRequest req, ObjectNode body) {
    if (ApiBindingAdmission.applies(req.type())) {
      return apiBindingAdmission.admitCreate(req.cluster(), body, req.user());
    }
    if (!WorkspaceAdmission.applies(req.type())) {
      return Uni.createFrom().voidItem();
    }
    return workspaceAdmission.admitCreate(req.cluster(), body, req.user());
  }

  public void update(ApiRequest req) {
    // The registry's shape check first: admission and escalation checks read the body too.
    ObjectNode body =
        FieldValidation.check(
            req,
            MetadataShape.check(req.type(), BodyCodec.decodeObject(req.contentType(), req.body())));
    checkTypeAndNamespace(req, body);
    String bodyName = ObjectMeta.name(body);
    if (!bodyName.isEmpty() && !bodyName.equals(req.name())) {
      throw ApiException.badRequest(
          "the name of the object ("
              + bodyName
              + ") does not match the name on the URL ("
              + req.name()
              + ")");
    }
    long expected = precondition(ObjectMeta.text(body, "resourceVersion"));
    String sub = req.info().subresource();
    if (sub.equals("scale")) {
      scaleWrite(req, scale -> body);
      return;
    }
    registry
        .update(
            req.type(), req.key(), sub, expected, escalation(req, current -> body), options(req))
        .subscribe()
        .with(o -> written(req, 200, o.body()), req::fail);
  }

  public void patch(ApiRequest req) {
    if (Patches.isApply(req.contentType())) {
      applyPatch.apply(req, options(req));
      return;
    }
    UnaryOperator<ObjectNode> patch = Patches.of(req.type(), req.contentType(), req.body());
    String sub = req.info().subresource();
    if (sub.equals("scale")) {
      scaleWrite(req, patch);
      return;
    }
    UnaryOperator<ObjectNode> validated =
        sub.isEmpty() ? o -> FieldValidation.check(req, patch.apply(o)) : patch;
    registry
        .update(req.type(), req.key(), sub, 0, escalation(req, validated), options(req))
        .subscribe()
        .with(o -> written(req, 200, o.body()), req::fail);
  }

  /** The written object; serialized on the CPU pool when the request's body was large. */
  private void written(ApiRequest req, int code, JsonNode body) {
    LargeResponses.send(cpu, req, code, body);
  }

  private UnaryOperator<ObjectNode> escalation(ApiRequest req, UnaryOperator<ObjectNode> change) {
    return rbacEscalation.checking(req.type(), req.cluster(), req.namespace(), req.user(), change);
  }

  public void scaleGet(ApiRequest req) {
    registry
        .get(req.key())
        .subscribe()
        .with(o -> Responses.json(req.ctx(), 200, Scale.of(o.body())), req::fail);
  }

  private void scaleWrite(ApiRequest req, UnaryOperator<ObjectNode> change) {
    registry
        .update(
            req.type(),
            req.key(),
            "",
            0,
            current -> Scale.applyTo(current, change.apply(Scale.of(current))),
            options(req))
        .subscribe()
        .with(o -> Responses.json(req.ctx(), 200, Scale.of(o.body())), req::fail);
  }

  public void delete(ApiRequest req) {
    DeleteOptions options = deleteOptions(req);
    registry
        .delete(req.type(), req.key(), options)
        .subscribe()
        .with(
            result -> {
              JsonNode body =
                  result.gone()
                      ? StatusMapper.success(
                          req.type().plural(), req.name(), ObjectMeta.uid(result.object().body()))
                      : result.object().body();
              Responses.json(req.ctx(), 200, body);
            },
            req::fail);
  }

  public void deleteCollection(ApiRequest req) {
    DeleteOptions options = deleteOptions(req);
    ListOptions list = ListOptions.parse(req, false);
    ListRequest request = new ListRequest(req.scope(), list.selection(), 0, null, 0);
    registry
        .list(request)
        .onItem()
        .transformToMulti(page -> Multi.createFrom().iterable(page.items()))
        .onItem()
        .transformToUniAndConcatenate(o -> deleteOne(req.type(), o, options))
        .collect()
        .asList()
        .subscribe()
        .with(
            deleted -> {
              ObjectNode body = JsonNodeFactory.instance.objectNode();
              body.put("kind", req.type().kind() + "List");
              body.put("apiVersion", req.type().apiVersion());
              body.putObject("metadata");
              ArrayNode items = body.putArray("items");
              deleted.forEach(items::add);
              Responses.json(req.ctx(), 200, body);
            },
            req::fail);
  }

  private Uni<ObjectNode> deleteOne(ResourceType type, StoredObject o, DeleteOptions options) {
    return registry
        .delete(type, o.key(), options)
        .map(r -> r.object().body())
        .onFailure(dev.atrium.hub.storage.StorageException.NotFound.class)
        .recoverWithItem(o.body());
  }

  private static DeleteOptions deleteOptions(ApiRequest req) {
    byte[] raw = req.body();
    JsonNode body =
        raw.length == 0 ? JsonNodeFactory.instance.objectNode() : BodyCodec.parseJson(raw);
    String policy = text(body, "propagationPolicy", req.query().get("propagationPolicy"));
    if (body.path("orphanDependents").asBoolean(false) || req.query().flag("orphanDependents")) {
      policy = "Orphan";
    }
    JsonNode pre = body.path("preconditions");
    boolean dryRun =
        body.path("dryRun").isArray() && body.path("dryRun").size() > 0 || req.query().dryRun();
    if (policy != null && !policy.matches("Background|Foreground|Orphan")) {
      throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + policy + "\"");
    }
    return new DeleteOptions(
        policy, textOrNull(pre, "uid"), textOrNull(pre, "resourceVersion"), dryRun);
  }

  private static String text(JsonNode node, String field, String fallback) {
    String v = textOrNull(node, field);
    return v == null ? fallback : v;
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static WriteOptions options(ApiRequest req) {
    String manager = WriteOptions.checkFieldManager(req.query().get("fieldManager"));
    if (manager == null || manager.isEmpty()) {
      manager = ManagedFields.managerFromUserAgent(req.ctx().request().getHeader("User-Agent"));
    }
    return new WriteOptions(req.query().dryRun(), manager);
  }

  private static long precondition(String rv) {
    if (rv.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(rv);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid resourceVersion: " + rv);
    }
  }

  private static void checkTypeAndNamespace(ApiRequest req, ObjectNode body) {
    ResourceType type = req.type();
    String apiVersion = body.path("apiVersion").asText("");
    String kind = body.path("kind").asText("");
    if (req.info().subresource().isEmpty()) {
      if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
        throw ApiException.badRequest(
            "the API version in the data ("
                + apiVersion
                + ") does not match the expected API version ("
                + type.apiVersion()
                + ")");
      }
      if (!kind.isEmpty() && !kind.equals(type.kind())) {
        throw ApiException.badRequest(
            "the kind in the data ("
                + kind
                + ") does not match the expected kind ("
                + type.kind()
                + ")");
      }
    }
    String ns = ObjectMeta.text(body, "namespace");
    if (type.namespaced() && !ns.isEmpty() && !ns.equals(req.namespace())) {
      throw ApiException.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
  }
}
