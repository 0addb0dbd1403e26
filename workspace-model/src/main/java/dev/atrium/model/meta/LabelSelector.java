package dev.atrium.model.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.atrium.model.schema.Description;
import dev.atrium.model.schema.Field;
import java.util.List;
import java.util.Map;

/** A label selector, as {@code metav1.LabelSelector}; an empty selector matches everything. */
@Description(
    "A label query over a set of resources. The result of matchLabels and matchExpressions are"
        + " ANDed. An empty label selector matches all objects.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelSelector(
    @Description(
            "A map of {key,value} pairs; each is equivalent to an element of matchExpressions whose"
                + " key field is the key, operator In and values the single value.")
        Map<String, String> matchLabels,
    @Description("A list of label selector requirements. The requirements are ANDed.")
        List<Requirement> matchExpressions) {

  /** One requirement: a key, an operator and values. */
  @Description(
      "A selector that contains values, a key, and an operator that relates the key and values.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Requirement(
      @Description("The label key that the selector applies to.") @Field(required = true)
          String key,
      @Description("The key's relationship to a set of values.")
          @Field(
              required = true,
              enumValues = {"In", "NotIn", "Exists", "DoesNotExist"})
          String operator,
      @Description("Values for In and NotIn (non-empty); empty for Exists and DoesNotExist.")
          List<String> values) {}

  /** A selector of exactly these labels. */
  public static LabelSelector matching(Map<String, String> labels) {
    return new LabelSelector(labels, null);
  }
}
