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

/** Which CRD serves each exported resource. */
@Description("The observed state of an APIExport.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiExportStatus(
    @Description("Each exported resource and the CRD behind it (crd unset while missing).")
        List<ExportedResource> resources,
    @Description(
            "Ready: False (reason ResourcesMissing) while a named CRD is missing or not Established.")
        @Field(listMapKeys = "type")
        List<Condition> conditions,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public ApiExportStatus {
    extra = Extra.orNone(extra);
  }

  /** One exported resource. */
  @Description("An exported resource and its CRD.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ExportedResource(
      @Description("API group.") String group,
      @Description("Plural resource name.") String resource,
      @Description("Name of the CRD that defines it.") String crd) {}
}
