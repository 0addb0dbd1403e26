package dev.atrium.model.workload;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.model.meta.Extra;
import dev.atrium.model.meta.LabelSelector;
import dev.atrium.model.schema.Description;
import dev.atrium.model.schema.Field;
import java.util.List;
import java.util.Map;

/** Which namespaces go where. */
@Description("The desired state of a Placement.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlacementSpec(
    @Description(
            "SyncTargets of this workspace and its ancestors matching any of these selectors are"
                + " candidates; none: every target serving the workspace.")
        List<LabelSelector> locationSelectors,
    @Description("The namespaces of this workspace whose objects are placed; unset: all.")
        LabelSelector namespaceSelector,
    @Description("How many targets to choose; unset: every matching target.") @Field(minimum = 1)
        Integer numberOfClusters,
    @Description("Moving off an unhealthy target (only with numberOfClusters).") Failover failover,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public PlacementSpec {
    extra = Extra.orNone(extra);
  }

  /** When a chosen target is replaced. */
  @Description("When a chosen target whose HeartbeatHealthy is False is replaced.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Failover(
      @Description("Whether to replace unhealthy targets (default true).") Boolean enabled,
      @Description(
              "How long HeartbeatHealthy must have been False before the target is replaced"
                  + " (default: the hub's atrium.placement.failover-after, 5 minutes).")
          @Field(minimum = 0)
          Long afterSeconds) {}
}
