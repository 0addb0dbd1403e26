package dev.atrium.model.apis;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.model.meta.Extra;
import dev.atrium.model.meta.Metadata;
import dev.atrium.model.schema.Description;
import java.util.Map;

/** Binds an APIExport: its resources are then served in this workspace. */
@Description("Binds an APIExport: its resources are then served in this workspace.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiBinding(
    String apiVersion,
    String kind,
    ObjectNode metadata,
    @Description("The desired state.") ApiBindingSpec spec,
    @Description(
            "The observed state, written by the hub (and for SyncTargets by their sync agent).")
        ApiBindingStatus status,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public static final String KIND = "APIBinding";
  public static final String API_VERSION = Apis.GROUP + "/" + Apis.VERSION;

  public ApiBinding {
    extra = Extra.orNone(extra);
  }

  /** A new object named {@code name} with this spec (apiVersion and kind set). */
  public static ApiBinding named(String name, ApiBindingSpec spec) {
    return new ApiBinding(API_VERSION, KIND, Metadata.named(name), spec, null, null);
  }

  /** The object's name, "" when unset. */
  public String name() {
    return Metadata.name(metadata);
  }
}
