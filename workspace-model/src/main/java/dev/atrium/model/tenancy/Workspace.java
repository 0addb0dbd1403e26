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
 * A workspace: a logical cluster below the workspace it is created in. Deleting it deletes its
 * whole subtree.
 */
@Description(
    "A workspace: a logical cluster below the workspace it is created in. Deleting it deletes its whole subtree.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Workspace(
    String apiVersion,
    String kind,
    ObjectNode metadata,
    @Description("The desired state.") WorkspaceSpec spec,
    @Description(
            "The observed state, written by the hub (and for SyncTargets by their sync agent).")
        WorkspaceStatus status,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public static final String KIND = "Workspace";
  public static final String API_VERSION = Tenancy.GROUP + "/" + Tenancy.VERSION;

  public Workspace {
    extra = Extra.orNone(extra);
  }

  /** A new object named {@code name} with this spec (apiVersion and kind set). */
  public static Workspace named(String name, WorkspaceSpec spec) {
    return new Workspace(API_VERSION, KIND, Metadata.named(name), spec, null, null);
  }

  /** The object's name, "" when unset. */
  public String name() {
    return Metadata.name(metadata);
  }
}
