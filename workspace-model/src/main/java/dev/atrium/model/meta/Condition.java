package dev.atrium.model.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.model.schema.Description;
import dev.atrium.model.schema.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A status condition, as {@code metav1.Condition}. */
@Description("A condition of the object's current state.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    @Description("Type of the condition, e.g. Ready.") @Field(required = true) String type,
    @Description("Status of the condition: True, False or Unknown.")
        @Field(
            required = true,
            enumValues = {"True", "False", "Unknown"})
        String status,
    @Description("A machine-readable CamelCase reason for the last transition.") String reason,
    @Description("A human-readable message about the last transition.") String message,
    @Description("When the condition last changed its status.") @Field(format = "date-time")
        String lastTransitionTime,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

  public Condition {
    extra = Extra.orNone(extra);
  }

  public Condition(
      String type, String status, String reason, String message, String lastTransitionTime) {
    this(type, status, reason, message, lastTransitionTime, null);
  }

  /** Whether the condition's status is True. */
  @JsonIgnore
  public boolean isTrue() {
    return "True".equals(status);
  }

  /** The condition of {@code type} in {@code conditions} (which may be null). */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.type())).findFirst();
  }

  /** The status of condition {@code type}, "" when absent. */
  public static String status(List<Condition> conditions, String type) {
    return find(conditions, type).map(Condition::status).orElse("");
  }
}
