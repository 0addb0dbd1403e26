package dev.atrium.model.tenancy;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.model.meta.Extra;
import dev.atrium.model.schema.Description;
import java.util.Map;

/** What a Workspace asks for. */
@Description("The desired state of a Workspace.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkspaceSpec(
    @Description(
            "The WorkspaceType of the new workspace, looked up in this workspace and its ancestors;"
                + " defaults to \"universal\". Cannot be changed.")
        String type,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public WorkspaceSpec {
    extra = Extra.orNone(extra);
  }

  public static WorkspaceSpec ofType(String type) {
    return new WorkspaceSpec(type, null);
  }

  /** The type, or {@link Tenancy#DEFAULT_TYPE} when unset or empty. */
  public String typeOrDefault() {
    return type == null || type.isEmpty() ? Tenancy.DEFAULT_TYPE : type;
  }
}
