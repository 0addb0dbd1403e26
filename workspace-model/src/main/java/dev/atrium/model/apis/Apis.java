package dev.atrium.model.apis;

/** Names of Atrium's API-sharing API: APIExport and APIBinding, their finalizer and phases. */
public final class Apis {

  public static final String GROUP = "apis.atrium.dev";
  public static final String VERSION = "v1alpha1";
  public static final String EXPORTS = "apiexports";
  public static final String BINDINGS = "apibindings";

  /** The RBAC verb on {@code apiexports/<name>} in the provider workspace that binding needs. */
  public static final String BIND_VERB = "bind";

  /** The subresource a provider's controllers need RBAC on to use the export's view. */
  public static final String CONTENT = "content";

  /** Held by an APIBinding until the instances of its resources are deleted. */
  public static final String BINDING_FINALIZER = "apis.atrium.dev/apibinding";

  /** On an APIBinding: who created it, {"username":..,"groups":[..]} as its workspace saw them. */
  public static final String CREATOR_ANNOTATION = "apis.atrium.dev/creator";

  /** Path prefix of a provider's view: {@code /services/apiexport/<provider path>/<export>}. */
  public static final String VIEW_PREFIX = "/services/apiexport/";

  public static final String PHASE_BINDING = "Binding";
  public static final String PHASE_BOUND = "Bound";

  private Apis() {}
}
