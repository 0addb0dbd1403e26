package dev.atrium.model.workload;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.model.meta.Extra;
import dev.atrium.model.schema.Description;
import java.util.Map;

/** A SyncTarget's spec: empty today; fields set by newer clients are kept. */
@Description("The desired state of a SyncTarget (no fields yet).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncTargetSpec(@JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public SyncTargetSpec {
    extra = Extra.orNone(extra);
  }

  public static SyncTargetSpec empty() {
    return new SyncTargetSpec(null);
  }
}
