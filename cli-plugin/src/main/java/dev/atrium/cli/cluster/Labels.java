package dev.atrium.cli.cluster;

import dev.atrium.cli.common.CliException;
import dev.atrium.model.workload.Workload;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** {@code --labels k=v,k2=v2}: parsed and checked against the Kubernetes label syntax. */
public final class Labels {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern PREFIX =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final int NAME_MAX = 63;
  private static final int PREFIX_MAX = 253;

  private Labels() {}

  /** The labels in the order given; null or blank is none. */
  public static Map<String, String> parse(String text) {
    if (text == null || text.isBlank()) {
      return Collections.emptyMap();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (String pair : text.split(",", -1)) {
      String item = pair.trim();
      int eq = item.indexOf('=');
      if (eq < 0) {
        throw new CliException("invalid label \"" + item + "\": expected KEY=VALUE");
      }
      String key = item.substring(0, eq).trim();
      String value = item.substring(eq + 1).trim();
      checkKey(key);
      checkValue(key, value);
      if (key.equals(Workload.KEY_LABEL)) {
        throw new CliException(
            "label " + Workload.KEY_LABEL + " is set by the hub and cannot be given");
      }
      if (labels.put(key, value) != null) {
        throw new CliException("label \"" + key + "\" is given twice");
      }
    }
    return labels;
  }

  static void checkKey(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > PREFIX_MAX || !PREFIX.matcher(prefix).matches()) {
        throw new CliException(
            "invalid label key \""
                + key
                + "\": the prefix must be a DNS subdomain (lowercase, at most 253 characters)");
      }
    }
    if (name.isEmpty() || name.length() > NAME_MAX || !NAME.matcher(name).matches()) {
      throw new CliException(
          "invalid label key \""
              + key
              + "\": at most 63 of [A-Za-z0-9-_.], starting and ending alphanumeric,"
              + " optionally after a DNS-subdomain prefix and '/'");
    }
  }

  static void checkValue(String key, String value) {
    if (!value.isEmpty() && (value.length() > NAME_MAX || !NAME.matcher(value).matches())) {
      throw new CliException(
          "invalid value \""
              + value
              + "\" for label \""
              + key
              + "\": at most 63 of [A-Za-z0-9-_.], starting and ending alphanumeric (or empty)");
    }
  }

  /** {@code k=v,k2=v2}, or {@code <none>}. */
  public static String format(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "<none>";
    }
    StringJoiner joined = new StringJoiner(",");
    labels.forEach((k, v) -> joined.add(k + "=" + v));
    return joined.toString();
  }
}
