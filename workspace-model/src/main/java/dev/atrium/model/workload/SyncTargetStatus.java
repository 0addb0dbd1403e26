package dev.atrium.model.workload;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.model.meta.Condition;
import dev.atrium.model.meta.Extra;
import dev.atrium.model.schema.Description;
import dev.atrium.model.schema.Field;
import java.util.List;
import java.util.Map;

/**
 * What the sync agent reports in its heartbeat (time, version, synced counts, its clean-up
 * condition) and the hub's conditions Ready and HeartbeatHealthy.
 */
@Description("The observed state of a SyncTarget, written by its sync agent and the hub.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncTargetStatus(
    @Description("When the sync agent last heartbeated (RFC 3339, seconds).")
        @Field(format = "date-time")
        String lastHeartbeatTime,
    @Description("The version of the sync agent.") String agentVersion,
    @Description("How many objects of each resource the agent keeps in sync.")
        List<SyncedResource> syncedResources,
    @Description(
            "Ready and HeartbeatHealthy (set by the hub), DownstreamCleaned (set by the agent when"
                + " it removed everything downstream of a deregistered target).")
        @Field(listMapKeys = "type")
        List<Condition> conditions,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public SyncTargetStatus {
    extra = Extra.orNone(extra);
  }

  public SyncTargetStatus(
      String lastHeartbeatTime,
      String agentVersion,
      List<SyncedResource> syncedResources,
      List<Condition> conditions) {
    this(lastHeartbeatTime, agentVersion, syncedResources, conditions, null);
  }

  /** The status of condition {@code type}, "" when absent. */
  public String conditionStatus(String type) {
    return Condition.status(conditions, type);
  }

  /** The sum of the synced counts. */
  public long syncedCount() {
    return syncedResources == null
        ? 0
        : syncedResources.stream().mapToLong(SyncedResource::countOrZero).sum();
  }

  /** One resource's synced count. */
  @Description("The number of objects of one resource the agent keeps in sync.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SyncedResource(
      @Description("API group, empty for the core group.") String group,
      @Description("Resource (plural) name.") @Field(required = true) String resource,
      @Description("Number of synced objects.") @Field(minimum = 0) Long count) {

    public long countOrZero() {
      return count == null ? 0 : count;
    }
  }
}
