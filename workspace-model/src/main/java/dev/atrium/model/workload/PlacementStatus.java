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

/** The placement controller's decision. */
@Description("The observed state of a Placement: the targets chosen and condition Ready.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlacementStatus(
    @Description("The SyncTargets chosen for the selected namespaces.")
        List<SelectedTarget> selectedTargets,
    @Description("Ready: whether the placement found the targets it asks for.")
        @Field(listMapKeys = "type")
        List<Condition> conditions,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public PlacementStatus {
    extra = Extra.orNone(extra);
  }

  /** One chosen target. */
  @Description("A chosen SyncTarget.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SelectedTarget(
      @Description("The target's key (label workload.atrium.dev/key).") String key,
      @Description("The workspace the target is registered in.") String workspace,
      @Description("The target's name.") String name) {}
}
