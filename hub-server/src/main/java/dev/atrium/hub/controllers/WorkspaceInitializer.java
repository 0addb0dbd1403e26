package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;

/**
 * A step run for every new workspace before it becomes Ready (e.g. default RBAC roles). Must be
 * idempotent: it may run again after a restart.
 */
public interface WorkspaceInitializer {

  Uni<Void> initialize(String path, ObjectNode workspace);
}
