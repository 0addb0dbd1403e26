package dev.atrium.model.apis;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.model.meta.Extra;
import dev.atrium.model.schema.Description;
import dev.atrium.model.schema.Field;
import java.util.List;
import java.util.Map;

/** The resources an APIExport publishes. */
@Description("The desired state of an APIExport.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiExportSpec(
    @Description(
            "The exported resources: each names a CRD of this workspace by group and resource.")
        List<GroupResource> resources,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public ApiExportSpec {
    extra = Extra.orNone(extra);
  }

  public ApiExportSpec(List<GroupResource> resources) {
    this(resources, null);
  }

  /** A group and a resource (plural name). */
  @Description("A resource by API group and plural name.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GroupResource(
      @Description("API group of the CRD.") @Field(required = true) String group,
      @Description("Plural resource name of the CRD.") @Field(required = true) String resource) {}
}
