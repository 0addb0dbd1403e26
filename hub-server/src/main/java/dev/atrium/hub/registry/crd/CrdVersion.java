package dev.atrium.hub.registry.crd;

import dev.atrium.hub.registry.crd.schema.CustomResourceSchema;
import dev.atrium.model.catalog.ResourceType;
import java.util.List;

/**
 * One served version of a CRD in one logical cluster.
 *
 * @param type what discovery and the registry serve
 * @param crdName the CRD's metadata.name
 * @param schema the version's structural schema
 * @param columns Table columns in the order of {@code type.printerColumns()}
 * @param terminating the CRD is being deleted (creates are refused)
 * @param selectableFields the field selector labels of {@code selectableFields} (e.g. {@code
 *     spec.color} for the jsonPath {@code .spec.color})
 */
public record CrdVersion(
    ResourceType type,
    String crdName,
    CustomResourceSchema schema,
    List<CustomColumn> columns,
    boolean terminating,
    List<String> selectableFields) {}
