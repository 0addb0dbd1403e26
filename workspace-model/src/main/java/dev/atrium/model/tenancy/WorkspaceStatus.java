package dev.atrium.model.tenancy;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.model.meta.Condition;
import dev.atrium.model.meta.Extra;
import dev.atrium.model.schema.Description;
import dev.atrium.model.schema.Field;
import java.util.List;
import java.util.Map;

/** Where a Workspace's lifecycle stands. */
@Description("The observed state of a Workspace.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkspaceStatus(
    @Description("The lifecycle phase: Scheduling, Initializing, Ready or Terminating.")
        @Field(
            enumValues = {
              Tenancy.PHASE_SCHEDULING,
              Tenancy.PHASE_INITIALIZING,
              Tenancy.PHASE_READY,
              Tenancy.PHASE_TERMINATING
            })
        String phase,
    @Description("The URL of the workspace's logical cluster, set once it is Ready.")
        @JsonProperty("URL")
        String url,
    @Description("Conditions of the workspace; Ready once its logical cluster is initialized.")
        @Field(listMapKeys = "type")
        List<Condition> conditions,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public WorkspaceStatus {
    extra = Extra.orNone(extra);
  }

  public static WorkspaceStatus inPhase(String phase) {
    return new WorkspaceStatus(phase, null, null, null);
  }

  /** The phase, "" when unset. */
  public String phaseOrEmpty() {
    return phase == null ? "" : phase;
  }
}
