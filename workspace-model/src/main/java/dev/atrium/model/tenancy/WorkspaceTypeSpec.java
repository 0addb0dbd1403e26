package dev.atrium.model.tenancy;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.model.meta.Extra;
import dev.atrium.model.schema.Description;
import java.util.List;
import java.util.Map;

/** What a WorkspaceType allows and provides. */
@Description("The rules and contents of a WorkspaceType.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkspaceTypeSpec(
    @Description(
            "The types a workspace of this type may be created below; empty or unset allows any.")
        List<String> allowedParents,
    @Description(
            "The types a workspace of this type may have as children; empty or unset allows any.")
        List<String> allowedChildren,
    @Description("The type of a child workspace that names none.") String defaultChildType,
    @Description("The namespaces every new workspace of this type starts with (default: default).")
        List<String> initialNamespaces,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public WorkspaceTypeSpec {
    extra = Extra.orNone(extra);
  }

  public WorkspaceTypeSpec(
      List<String> allowedParents,
      List<String> allowedChildren,
      String defaultChildType,
      List<String> initialNamespaces) {
    this(allowedParents, allowedChildren, defaultChildType, initialNamespaces, null);
  }

  /** Whether {@code type} may be a parent: listed, or no list. */
  public boolean allowsParent(String type) {
    return allows(allowedParents, type);
  }

  /** Whether {@code type} may be a child: listed, or no list. */
  public boolean allowsChild(String type) {
    return allows(allowedChildren, type);
  }

  /** The initial namespaces, {@code [default]} when none are listed. */
  public List<String> initialNamespacesOrDefault() {
    return initialNamespaces == null || initialNamespaces.isEmpty()
        ? List.of("default")
        : initialNamespaces;
  }

  private static boolean allows(List<String> allowed, String type) {
    return allowed == null || allowed.isEmpty() || allowed.contains(type);
  }
}
