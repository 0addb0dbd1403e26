package dev.atrium.hub.storage;

import java.util.List;

/**
 * One page of a list, read at snapshot {@code revision}. {@code continueToken} is null on the last
 * page; {@code remaining} is the estimated count of items after this page, when known.
 */
public record ListPage(
    List<StoredObject> items, long revision, String continueToken, Long remaining) {}
