package dev.atrium.model.tenancy;

/** Names of Atrium's tenancy API: group, kinds, annotations, finalizers, phases. */
public final class Tenancy {

  public static final String GROUP = "tenancy.atrium.dev";
  public static final String VERSION = "v1alpha1";
  public static final String WORKSPACES = "workspaces";
  public static final String WORKSPACE_TYPES = "workspacetypes";

  /** The workspace path an object lives in, on every object. */
  public static final String PATH_ANNOTATION = "atrium.dev/path";

  /** Who created a workspace: {"username":..., "groups":[...]}; becomes its cluster-admin. */
  public static final String OWNER_ANNOTATION = "tenancy.atrium.dev/owner";

  /** Held by a Workspace until its logical cluster and subtree are deleted. */
  public static final String WORKSPACE_FINALIZER = "tenancy.atrium.dev/workspace";

  /** A ClusterRoleBinding (or other object) with this label applies to descendant workspaces. */
  public static final String PROPAGATE_LABEL = "policy.atrium.dev/propagate";

  public static final String PHASE_SCHEDULING = "Scheduling";
  public static final String PHASE_INITIALIZING = "Initializing";
  public static final String PHASE_READY = "Ready";
  public static final String PHASE_TERMINATING = "Terminating";

  public static final String DEFAULT_TYPE = "universal";

  private Tenancy() {}
}
