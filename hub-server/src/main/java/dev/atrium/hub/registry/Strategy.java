package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException;
import dev.atrium.model.catalog.ResourceType;
import java.util.List;

/**
 * Per-kind behaviour on top of the generic store, as Kubernetes' RESTCreateStrategy /
 * RESTUpdateStrategy: reset fields on create, carry fields over on update, validate.
 */
public interface Strategy {

  /** Kind-specific defaults and resets on a new object (system metadata is already set). */
  default void prepareForCreate(ResourceType type, ObjectNode object) {}

  /** Kind-specific carry-over from {@code old} on an update of the main resource. */
  default void prepareForUpdate(ResourceType type, ObjectNode object, ObjectNode old) {}

  /** Kind-specific normalisation on a status-subresource update (status from the request). */
  default void prepareForStatusUpdate(ResourceType type, ObjectNode object, ObjectNode old) {}

  /**
   * The object as served from storage (e.g. defaults and the requested apiVersion for custom
   * resources). Must not mutate {@code object}; returns it unchanged by default.
   */
  default ObjectNode prepareForRead(ResourceType type, ObjectNode object) {
    return object;
  }

  /** Field errors of the object, empty when valid. */
  default List<ApiException.Cause> validate(ResourceType type, ObjectNode object) {
    return List.of();
  }

  /**
   * Field errors of an update from {@code old} (e.g. CEL transition rules); validate by default.
   */
  default List<ApiException.Cause> validateUpdate(
      ResourceType type, ObjectNode object, ObjectNode old) {
    return validate(type, object);
  }

  /** Whether an object is deleted right away or only marked (e.g. namespaces with finalizers). */
  default boolean needsGracefulDeletion(ObjectNode object) {
    return false;
  }

  /** Applied when an object is marked for deletion. */
  default void prepareForDeletion(ObjectNode object) {}
}
