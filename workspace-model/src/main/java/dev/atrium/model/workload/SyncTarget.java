package dev.atrium.model.workload;

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
 * A physical cluster registered in this workspace. Its sync agent pulls the objects labelled
 * state.workload.atrium.dev/<key>: Sync from this workspace and its descendants and writes their
 * status back.
 */
@Description(
    "A physical cluster registered in this workspace. Its sync agent pulls the objects labelled state.workload.atrium.dev/<key>: Sync from this workspace and its descendants and writes their status back.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncTarget(
    String apiVersion,
    String kind,
    ObjectNode metadata,
    @Description("The desired state.") SyncTargetSpec spec,
    @Description(
            "The observed state, written by the hub (and for SyncTargets by their sync agent).")
        SyncTargetStatus status,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public static final String KIND = "SyncTarget";
  public static final String API_VERSION = Workload.API_VERSION;

  public SyncTarget {
    extra = Extra.orNone(extra);
  }

  /** A new object named {@code name} with this spec (apiVersion and kind set). */
  public static SyncTarget named(String name, SyncTargetSpec spec) {
    return new SyncTarget(API_VERSION, KIND, Metadata.named(name), spec, null, null);
  }

  /** The object's name, "" when unset. */
  public String name() {
    return Metadata.name(metadata);
  }
}
