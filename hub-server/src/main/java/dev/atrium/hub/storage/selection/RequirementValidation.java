package dev.atrium.hub.storage.selection;

import dev.atrium.hub.storage.selection.LabelSelector.Operator;
import java.util.ArrayList;
import java.util.List;

/** The checks of apimachinery's {@code labels.NewRequirement}, with its error messages. */
final class RequirementValidation {

  private RequirementValidation() {}

  /** Throws a {@link SelectorException} listing every problem, as an upstream aggregate. */
  static void check(String key, Operator operator, List<String> values) {
    List<String> errors = new ArrayList<>();
    List<String> keyProblems = LabelValidation.keyErrors(key);
    if (!keyProblems.isEmpty()) {
      errors.add(LabelValidation.invalid("key", key, String.join("; ", keyProblems)));
    }
    errors.addAll(operatorErrors(operator, values));
    for (int i = 0; i < values.size(); i++) {
      List<String> problems = LabelValidation.valueErrors(values.get(i));
      if (!problems.isEmpty()) {
        String path = "values[" + i + "][" + key + "]";
        errors.add(LabelValidation.invalid(path, values.get(i), String.join("; ", problems)));
      }
    }
    if (!errors.isEmpty()) {
      throw new SelectorException(aggregate(errors));
    }
  }

  private static List<String> operatorErrors(Operator operator, List<String> values) {
    return switch (operator) {
      case IN, NOT_IN ->
          values.isEmpty()
              ? List.of(
                  invalidValues(values, "for 'in', 'notin' operators, values set can't be empty"))
              : List.of();
      case EQUALS, NOT_EQUALS ->
          values.size() != 1
              ? List.of(
                  invalidValues(values, "exact-match compatibility requires one single value"))
              : List.of();
      case EXISTS, DOES_NOT_EXIST ->
          values.isEmpty()
              ? List.of()
              : List.of(
                  invalidValues(values, "values set must be empty for exists and does not exist"));
      case GREATER_THAN, LESS_THAN -> integerErrors(values);
    };
  }

  private static List<String> integerErrors(List<String> values) {
    List<String> errors = new ArrayList<>();
    if (values.size() != 1) {
      errors.add(invalidValues(values, "for 'Gt', 'Lt' operators, exactly one value is required"));
    }
    for (int i = 0; i < values.size(); i++) {
      if (!isInt64(values.get(i))) {
        errors.add(
            LabelValidation.invalid(
                "values[" + i + "]",
                values.get(i),
                "for 'Gt', 'Lt' operators, the value must be an integer"));
      }
    }
    return errors;
  }

  static boolean isInt64(String text) {
    try {
      Long.parseLong(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String invalidValues(List<String> values, String detail) {
    return "values: Invalid value: " + LabelValidation.goStringSlice(values) + ": " + detail;
  }

  private static String aggregate(List<String> errors) {
    return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
  }
}
