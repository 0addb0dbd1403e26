package dev.atrium.cli.common;

import java.util.Locale;

/** {@code -o}: human text (default), or json, yaml, name for scripts. */
public enum OutputFormat {
  TEXT,
  JSON,
  YAML,
  NAME;

  public static OutputFormat parse(String value) {
    if (value == null || value.isEmpty()) {
      return TEXT;
    }
    try {
      OutputFormat format = valueOf(value.toUpperCase(Locale.ROOT));
      if (format != TEXT) {
        return format;
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new CliException(
        "unable to match a printer suitable for the output format \""
            + value
            + "\", allowed formats are: json,name,yaml");
  }
}
