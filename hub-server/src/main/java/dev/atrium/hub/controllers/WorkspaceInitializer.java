package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.storage.Write;
import java.util.List;

/**
 * Objects every new workspace starts with (e.g. default RBAC roles), written create-if-absent in
 * the same transaction as the workspace's Initializing and Ready status. Must be pure: it may be
 * planned again after a conflict or a restart.
 */
public interface WorkspaceInitializer {

  List<Write> initialObjects(String path, ObjectNode workspace);
}
