package dev.atrium.agent.mapping;

/**
 * Why an object could not be applied downstream, as reported upstream.
 *
 * @param reason CamelCase reason, e.g. "Invalid", "Forbidden", "MissingCRD"
 * @param message human-readable detail
 */
public record SyncError(String reason, String message) {}
