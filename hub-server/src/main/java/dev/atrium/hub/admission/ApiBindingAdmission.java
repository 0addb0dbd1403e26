package dev.atrium.hub.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.auth.Authorizer;
import dev.atrium.hub.auth.ForeignIdentity;
import dev.atrium.hub.registry.ObjectMeta;
import dev.atrium.hub.request.ApiException;
import dev.atrium.hub.request.RequestInfo;
import dev.atrium.hub.request.UserInfo;
import dev.atrium.model.apis.ApiBinding;
import dev.atrium.model.apis.ApiBindingSpec;
import dev.atrium.model.apis.Apis;
import dev.atrium.model.catalog.ResourceType;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.tenancy.WorkspacePath;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * APIBindings: the creator must be allowed the verb {@code bind} on {@code apiexports/<name>} in
 * the provider workspace, as that workspace names them ({@link ForeignIdentity}); the reference is
 * required; the creator is recorded on the binding.
 */
@ApplicationScoped
public class ApiBindingAdmission {

  @Inject Authorizer authorizer;

  public static boolean applies(ResourceType type) {
    return type.group().equals(Apis.GROUP) && type.plural().equals(Apis.BINDINGS);
  }

  public Uni<Void> admitCreate(String cluster, ObjectNode binding, UserInfo user) {
    ApiBindingSpec.ExportReference export =
        ModelJson.tryRead(binding, ApiBinding.class)
            .map(ApiBinding::spec)
            .map(ApiBindingSpec::exportOrEmpty)
            .orElse(new ApiBindingSpec.ExportReference("", ""));
    String path = export.path();
    String name = export.name();
    if (path.isEmpty() || name.isEmpty() || !WorkspacePath.valid(path)) {
      throw ApiException.invalid(
          Apis.BINDINGS + "." + Apis.GROUP,
          "APIBinding",
          ObjectMeta.name(binding),
          List.of(
              ApiException.Cause.required(
                  "spec.reference.export",
                  "path (a workspace path) and name of an APIExport are required")));
    }
    UserInfo asProvider = ForeignIdentity.asSeenIn(user, cluster, path);
    RequestInfo bind =
        new RequestInfo(
            path,
            "",
            Apis.BIND_VERB,
            true,
            "apis",
            Apis.GROUP,
            Apis.VERSION,
            "",
            Apis.EXPORTS,
            name,
            "");
    if (!asProvider.privileged() && !authorizer.allowed(asProvider, bind)) {
      throw new ApiException(
          403,
          "Forbidden",
          "apibindings.apis.atrium.dev \""
              + ObjectMeta.name(binding)
              + "\" is forbidden: User \""
              + asProvider.name()
              + "\" cannot bind apiexports \""
              + name
              + "\" in workspace \""
              + path
              + "\"",
          null);
    }
    ObjectNode creator = binding.objectNode();
    creator.put("username", asProvider.name());
    ObjectMeta.of(binding).with("annotations").put(Apis.CREATOR_ANNOTATION, creator.toString());
    return Uni.createFrom().voidItem();
  }
}
