package dev.atrium.hub.storage;

import dev.atrium.hub.storage.selection.Selection;

/**
 * A list over a scope.
 *
 * @param scope what to list
 * @param selection label and field filter (field filter evaluated by the caller-supplied fields)
 * @param limit page size, 0 = everything
 * @param continueToken token from a previous page, or null
 * @param atRevision read the snapshot at exactly this revision (0 = the latest)
 */
public record ListRequest(
    ResourceScope scope, Selection selection, int limit, String continueToken, long atRevision) {}
