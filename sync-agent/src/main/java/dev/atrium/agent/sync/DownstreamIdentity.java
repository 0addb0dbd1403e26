package dev.atrium.agent.sync;

/** Where a downstream object is: group, resource, downstream namespace ("" if none), name. */
public record DownstreamIdentity(String group, String resource, String namespace, String name) {}
