package dev.atrium.hub.registry.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.registry.Strategy;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.ResourceType;
import java.util.List;

/**
 * Custom resources: prune unknown fields and apply defaults on every write and read, validate
 * against the version's structural schema, refuse creates while the CRD terminates. All versions
 * share storage (conversion None): reads only rewrite apiVersion. CEL {@code
 * x-kubernetes-validations} rules run in validation, with {@code oldSelf} on updates.
 */
final class CustomResourceStrategy implements Strategy {

  @Override
  public void prepareForCreate(ResourceType type, ObjectNode object) {
    CustomResources.versionOf(type, object)
        .ifPresent(
            v -> {
              if (v.terminating()) {
                throw new ApiException(
                    405,
                    "MethodNotAllowed",
                    "create is not supported on resources of kind \""
                        + type.qualifiedResource()
                        + "\"",
                    null);
              }
              v.schema().normalize(object);
            });
  }

  @Override
  public void prepareForUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
    normalize(type, object);
  }

  @Override
  public void prepareForStatusUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
    normalize(type, object);
  }

  @Override
  public List<ApiException.Cause> validate(ResourceType type, ObjectNode object) {
    return CustomResources.versionOf(type, object)
        .map(v -> v.schema().validate(object))
        .orElse(List.of());
  }

  @Override
  public List<ApiException.Cause> validateUpdate(
      ResourceType type, ObjectNode object, ObjectNode old) {
    return CustomResources.versionOf(type, object)
        .map(v -> v.schema().validateUpdate(object, normalized(type, old)))
        .orElse(List.of());
  }

  /** The stored object as the rules see it (pruned and defaulted like a read). */
  private static ObjectNode normalized(ResourceType type, ObjectNode old) {
    ObjectNode copy = old.deepCopy();
    normalize(type, copy);
    return copy;
  }

  @Override
  public ObjectNode prepareForRead(ResourceType type, ObjectNode object) {
    ObjectNode view = object.deepCopy();
    view.put("apiVersion", type.apiVersion());
    normalize(type, view);
    return view;
  }

  private static void normalize(ResourceType type, ObjectNode object) {
    CustomResources.versionOf(type, object).ifPresent(v -> v.schema().normalize(object));
  }
}
