package dev.atrium.hub.registry.patch;

import java.util.List;
import java.util.Map;

/**
 * The parts of one OpenAPI (Swagger 2.0) schema object that patching needs; everything else
 * (descriptions, defaults, formats) is dropped when the document is loaded.
 *
 * @param ref name of the referenced definition (without {@code #/definitions/}), or null
 * @param type the JSON schema {@code type}, or null
 * @param properties named fields of an object
 * @param items element schema of an array, or null
 * @param additionalProperties value schema of a map, or null
 * @param patchStrategy {@code x-kubernetes-patch-strategy}, or null
 * @param patchMergeKey {@code x-kubernetes-patch-merge-key}, or null
 * @param listType {@code x-kubernetes-list-type}, or null
 * @param listMapKeys {@code x-kubernetes-list-map-keys}, possibly empty
 */
record SchemaShape(
    String ref,
    String type,
    Map<String, SchemaShape> properties,
    SchemaShape items,
    SchemaShape additionalProperties,
    String patchStrategy,
    String patchMergeKey,
    String listType,
    List<String> listMapKeys) {

  static final SchemaShape EMPTY =
      new SchemaShape(null, null, Map.of(), null, null, null, null, null, List.of());
}
