package dev.atrium.model.apis;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.model.meta.Extra;
import dev.atrium.model.schema.Description;
import dev.atrium.model.schema.Field;
import java.util.Map;

/** Which APIExport a binding binds. */
@Description("The desired state of an APIBinding.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiBindingSpec(
    @Description("The APIExport to bind. Cannot be changed.") @Field(required = true)
        Reference reference,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public ApiBindingSpec {
    extra = Extra.orNone(extra);
  }

  /** A binding of export {@code name} in workspace {@code path}. */
  public static ApiBindingSpec of(String path, String name) {
    return new ApiBindingSpec(new Reference(new ExportReference(path, name)), null);
  }

  /** The export's path and name, empty strings where unset. */
  public ExportReference exportOrEmpty() {
    ExportReference e = reference == null ? null : reference.export();
    return e == null ? new ExportReference("", "") : e.orEmpty();
  }

  /** What is bound. */
  @Description("A reference to the bound APIExport.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Reference(
      @Description("The APIExport, by workspace path and name.") @Field(required = true)
          ExportReference export) {}

  /** An APIExport by workspace path and name. */
  @Description("An APIExport by the path of its workspace and its name.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ExportReference(
      @Description("Path of the provider workspace, e.g. root:platform:prov.")
          @Field(required = true)
          String path,
      @Description("Name of the APIExport.") @Field(required = true) String name) {

    /** Unset fields as "". */
    public ExportReference orEmpty() {
      return new ExportReference(path == null ? "" : path, name == null ? "" : name);
    }
  }
}
