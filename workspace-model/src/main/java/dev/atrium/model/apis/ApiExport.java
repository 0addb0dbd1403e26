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

/** Publishes CRDs of this workspace for every workspace that binds them with an APIBinding. */
@Description(
    "Publishes CRDs of this workspace for every workspace that binds them with an APIBinding.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiExport(
    String apiVersion,
    String kind,
    ObjectNode metadata,
    @Description("The desired state.") ApiExportSpec spec,
    @Description(
            "The observed state, written by the hub (and for SyncTargets by their sync agent).")
        ApiExportStatus status,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public static final String KIND = "APIExport";
  public static final String API_VERSION = Apis.GROUP + "/" + Apis.VERSION;

  public ApiExport {
    extra = Extra.orNone(extra);
  }

  /** A new object named {@code name} with this spec (apiVersion and kind set). */
  public static ApiExport named(String name, ApiExportSpec spec) {
    return new ApiExport(API_VERSION, KIND, Metadata.named(name), spec, null, null);
  }

  /** The object's name, "" when unset. */
  public String name() {
    return Metadata.name(metadata);
  }
}
