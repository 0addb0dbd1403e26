package dev.atrium.hub.registry;

import dev.atrium.hub.request.ApiException;
import java.util.List;
import java.util.regex.Pattern;

/** Object name rules of Kubernetes (apimachinery validation). */
final class NameValidation {

  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  private NameValidation() {}

  static List<ApiException.Cause> validate(String group, String plural, String name) {
    String error = error(group, plural, name);
    if (error == null) {
      return List.of();
    }
    return List.of(ApiException.Cause.invalidValue("metadata.name", name, error));
  }

  private static String error(String group, String plural, String name) {
    if (group.equals("rbac.authorization.k8s.io")) {
      return pathSegment(name);
    }
    if (group.isEmpty() && plural.equals("namespaces")) {
      return label(name, DNS1123_LABEL, "RFC 1123 label", "my-name", LABEL);
    }
    if (group.isEmpty() && plural.equals("services")) {
      return label(name, DNS1035_LABEL, "RFC 1035 label", "my-name", "[a-z]([-a-z0-9]*[a-z0-9])?");
    }
    if (name.length() > 253) {
      return "must be no more than 253 characters";
    }
    if (!DNS1123_SUBDOMAIN.matcher(name).matches()) {
      return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
          + " '-' or '.', and must start and end with an alphanumeric character (e.g."
          + " 'example.com', regex used for validation is '"
          + LABEL
          + "(\\."
          + LABEL
          + ")*')";
    }
    return null;
  }

  private static String label(
      String name, Pattern pattern, String what, String example, String regex) {
    if (name.length() > 63) {
      return "must be no more than 63 characters";
    }
    if (!pattern.matcher(name).matches()) {
      return "a lowercase "
          + what
          + " must consist of lower case alphanumeric characters or '-', and must start and end"
          + " with an alphanumeric character (e.g. '"
          + example
          + "', regex used for validation is '"
          + regex
          + "')";
    }
    return null;
  }

  private static String pathSegment(String name) {
    if (name.equals(".") || name.equals("..")) {
      return "may not be '" + name + "'";
    }
    if (name.contains("/") || name.contains("%")) {
      return "may not contain '/' or '%'";
    }
    return null;
  }
}
