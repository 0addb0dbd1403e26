package dev.atrium.model.tenancy;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.meta.Extra;
import dev.atrium.model.meta.Metadata;
import dev.atrium.model.schema.Description;
import java.util.Map;

/**
 * A workspace type: which parents and children a workspace of this type allows, and what every new
 * workspace of it starts with.
 */
@Description(
    "A workspace type: which parents and children a workspace of this type allows, and what every new workspace of it starts with.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkspaceType(
    String apiVersion,
    String kind,
    ObjectNode metadata,
    @Description("The desired state.") WorkspaceTypeSpec spec,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public static final String KIND = "WorkspaceType";
  public static final String API_VERSION = Tenancy.GROUP + "/" + Tenancy.VERSION;

  public WorkspaceType {
    extra = Extra.orNone(extra);
  }

  /** A new object named {@code name} with this spec (apiVersion and kind set). */
  public static WorkspaceType named(String name, WorkspaceTypeSpec spec) {
    return new WorkspaceType(API_VERSION, KIND, Metadata.named(name), spec, null);
  }

  /** The object's name, "" when unset. */
  public String name() {
    return Metadata.name(metadata);
  }
}
