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
import dev.atrium.hub.registry.GenericRegistry;
import dev.atrium.hub.registry.MetadataShape;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.registry.WriteOptions;
import dev.atrium.hub.registry.apply.ApplyResult;
import dev.atrium.hub.registry.apply.Conflict;
import dev.atrium.hub.registry.apply.FieldSchema;
import dev.atrium.hub.registry.apply.ServerSideApply;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.storage.StorageException;
import dev.atrium.model.catalog.ResourceType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * PATCH with {@code application/apply-patch+yaml}: server-side apply of the body as the field
 * manager of the {@code fieldManager} query parameter, with {@code force}; a missing object is
 * created (201).
 */
@ApplicationScoped
public class ApplyPatch {

  @Inject GenericRegistry registry;
  @Inject NamespaceLifecycle namespaceLifecycle;
  @Inject WorkspaceAdmission workspaceAdmission;
  @Inject ApiBindingAdmission apiBindingAdmission;
  @Inject RbacEscalation rbacEscalation;
  @Inject CpuPool cpu;

  private record Written(ObjectNode body, int code) {}

  public void apply(ApiRequest req, WriteOptions options) {
    String manager = WriteOptions.checkFieldManager(req.query().get("fieldManager"));
    if (manager == null || manager.isEmpty()) {
      throw fieldManagerRequired();
    }
    String sub = req.info().subresource();
    if (!sub.isEmpty() && !sub.equals("status")) {
      throw new ApiException(
          415,
          "UnsupportedMediaType",
          "apply patch is not supported on the " + sub + " subresource",
          null);
    }
    ObjectNode config = config(req, sub);
    boolean force = req.query().flag("force");
    ResourceType type = req.type();
    FieldSchema schema = FieldSchema.forKind(type.group(), type.version(), type.kind());
    UnaryOperator<ObjectNode> change =
        current -> checked(ServerSideApply.apply(current, config, manager, force, schema, sub));
    WriteOptions applyOptions = new WriteOptions(options.dryRun(), manager, true);
    registry
        .update(
            type,
            req.key(),
            sub,
            0,
            rbacEscalation.checking(type, req.cluster(), req.namespace(), req.user(), change),
            applyOptions)
        .map(o -> new Written(o.body(), 200))
        .onFailure(f -> f instanceof StorageException.NotFound && sub.isEmpty())
        .recoverWithUni(() -> create(req, config, manager, schema, applyOptions))
        .subscribe()
        .with(w -> LargeResponses.send(cpu, req, w.code(), w.body()), req::fail);
  }

  private Uni<Written> create(
      ApiRequest req, ObjectNode config, String manager, FieldSchema schema, WriteOptions options) {
    ObjectNode body = checked(ServerSideApply.apply(null, config, manager, false, schema, ""));
    ObjectMeta.of(body).put("name", req.name());
    rbacEscalation.check(req.type(), req.cluster(), req.namespace(), req.user(), body);
    return namespaceLifecycle
        .admitCreate(req.type(), req.cluster(), req.namespace())
        .chain(
            () ->
                WorkspaceAdmission.applies(req.type())
                    ? workspaceAdmission.admitCreate(req.cluster(), body, req.user())
                    : ApiBindingAdmission.applies(req.type())
                        ? apiBindingAdmission.admitCreate(req.cluster(), body, req.user())
                        : Uni.createFrom().voidItem())
        .chain(() -> registry.create(req.type(), req.cluster(), req.namespace(), body, options))
        .map(o -> new Written(o.body(), 201));
  }

  /** The applied configuration, limited to what the (sub)resource being written may change. */
  private static ObjectNode config(ApiRequest req, String sub) {
    JsonNode parsed = BodyCodec.parseYaml(req.body());
    if (!parsed.isObject()) {
      throw ApiException.badRequest("apply patch must be a YAML or JSON object");
    }
    ResourceType type = req.type();
    // The shape check of the registry, before server-side apply reads the configuration.
    ObjectNode config = MetadataShape.check(type, parsed);
    String apiVersion = config.path("apiVersion").asText("");
    String kind = config.path("kind").asText("");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      throw ApiException.badRequest("apiVersion and kind must be set in an apply patch");
    }
    if (!apiVersion.equals(type.apiVersion()) || !kind.equals(type.kind())) {
      throw ApiException.badRequest(
          "the API version and kind in the data ("
              + apiVersion
              + ", "
              + kind
              + ") do not match the expected ones ("
              + type.apiVersion()
              + ", "
              + type.kind()
              + ")");
    }
    String name = ObjectMeta.name(config);
    if (!name.isEmpty() && !name.equals(req.name())) {
      throw ApiException.badRequest(
          "the name of the object ("
              + name
              + ") does not match the name on the URL ("
              + req.name()
              + ")");
    }
    String ns = ObjectMeta.text(config, "namespace");
    if (type.namespaced() && !ns.isEmpty() && !ns.equals(req.namespace())) {
      throw ApiException.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    JsonNode managed = config.path("metadata").get("managedFields");
    if (managed != null && !managed.isNull()) {
      throw ApiException.badRequest("metadata.managedFields must be nil");
    }
    if (sub.equals("status")) {
      ObjectNode status = config.objectNode();
      for (String field : List.of("apiVersion", "kind", "metadata", "status")) {
        if (config.get(field) != null) {
          status.set(field, config.get(field));
        }
      }
      return status;
    }
    if (type.hasSubresource("status")) {
      config.remove("status");
    }
    return config;
  }

  private static ObjectNode checked(ApplyResult result) {
    if (result.conflicted()) {
      throw conflict(result.conflicts());
    }
    return result.object();
  }

  static ApiException conflict(List<Conflict> conflicts) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    ArrayNode causes = details.putArray("causes");
    for (Conflict c : conflicts) {
      causes
          .addObject()
          .put("reason", "FieldManagerConflict")
          .put("message", "conflict with " + c.manager())
          .put("field", c.field());
    }
    return new ApiException(409, "Conflict", Conflict.message(conflicts), details);
  }

  static ApiException fieldManagerRequired() {
    ObjectNode details = ApiException.details("PatchOptions.meta.k8s.io", "");
    details
        .putArray("causes")
        .addObject()
        .put("reason", "FieldValueRequired")
        .put("message", "Required value: is required for apply patch")
        .put("field", "fieldManager");
    return new ApiException(
        422,
        "Invalid",
        "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for"
            + " apply patch",
        details);
  }
}
