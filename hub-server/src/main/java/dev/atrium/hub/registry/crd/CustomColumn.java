package dev.atrium.hub.registry.crd;

/**
 * A Table column of a custom resource and where its value comes from.
 *
 * @param name header, e.g. "Size"
 * @param type "string", "integer", "number", "boolean" or "date"
 * @param jsonPath simple JSONPath into the object, e.g. ".spec.size"
 */
public record CustomColumn(String name, String type, String jsonPath) {}
