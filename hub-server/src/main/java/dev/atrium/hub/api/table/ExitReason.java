package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;

/** The Status text for a terminated container without a reason: "Signal:N" or "ExitCode:N". */
final class ExitReason {

  private ExitReason() {}

  static String of(JsonNode terminated, String prefix) {
    long signal = Fields.number(terminated, "signal");
    if (signal != 0) {
      return prefix + "Signal:" + signal;
    }
    return prefix + "ExitCode:" + Fields.number(terminated, "exitCode");
  }
}
