package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.auth.rbac.DefaultRolesSeeder;
import dev.atrium.hub.storage.Write;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Every new workspace starts with the default ClusterRoles (cluster-admin, admin, edit, view). */
@ApplicationScoped
public class DefaultRolesInitializer implements WorkspaceInitializer {

  @Inject DefaultRolesSeeder seeder;

  @Override
  public List<Write> initialObjects(String path, ObjectNode workspace) {
    return seeder.plan(path);
  }
}
