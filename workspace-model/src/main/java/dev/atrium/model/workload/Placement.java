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
 * Sends the objects of the selected namespaces of this workspace to SyncTargets chosen by their
 * labels.
 */
@Description(
    "Sends the objects of the selected namespaces of this workspace to SyncTargets chosen by their labels.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Placement(
    String apiVersion,
    String kind,
    ObjectNode metadata,
    @Description("The desired state.") PlacementSpec spec,
    @Description(
            "The observed state, written by the hub (and for SyncTargets by their sync agent).")
        PlacementStatus status,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public static final String KIND = "Placement";
  public static final String API_VERSION = Workload.API_VERSION;

  public Placement {
    extra = Extra.orNone(extra);
  }

  /** A new object named {@code name} with this spec (apiVersion and kind set). */
  public static Placement named(String name, PlacementSpec spec) {
    return new Placement(API_VERSION, KIND, Metadata.named(name), spec, null, null);
  }

  /** The object's name, "" when unset. */
  public String name() {
    return Metadata.name(metadata);
  }
}
