package dev.atrium.model.apis;

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

/** Where a binding stands and what it binds. */
@Description("The observed state of an APIBinding.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiBindingStatus(
    @Description("Binding, Bound, or Failed (on a name clash).")
        @Field(enumValues = {Apis.PHASE_BINDING, Apis.PHASE_BOUND, "Failed"})
        String phase,
    @Description("The resources the binding serves in this workspace and the provider's CRDs.")
        List<BoundResource> boundResources,
    @Description("Ready: whether the export's resources are served here, and why not.")
        @Field(listMapKeys = "type")
        List<Condition> conditions,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public ApiBindingStatus {
    extra = Extra.orNone(extra);
  }

  public static ApiBindingStatus inPhase(String phase) {
    return new ApiBindingStatus(phase, null, null, null);
  }

  /** Whether the phase is Bound. */
  public boolean bound() {
    return Apis.PHASE_BOUND.equals(phase);
  }

  /** One bound resource. */
  @Description("A bound resource and the provider CRD behind it.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BoundResource(
      @Description("API group.") String group,
      @Description("Plural resource name.") String resource,
      @Description("Name of the provider's CRD.") String crd,
      @Description("The CRD's served versions.") List<String> versions) {}
}
