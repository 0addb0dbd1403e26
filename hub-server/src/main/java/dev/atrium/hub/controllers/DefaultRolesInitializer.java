package dev.atrium.hub.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.auth.rbac.DefaultRolesSeeder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Every new workspace starts with the default ClusterRoles (cluster-admin, admin, edit, view). */
@ApplicationScoped
public class DefaultRolesInitializer implements WorkspaceInitializer {

  @Inject DefaultRolesSeeder seeder;

  @Override
  public Uni<Void> initialize(String path, ObjectNode workspace) {
    return seeder.ensure(path);
  }
}
