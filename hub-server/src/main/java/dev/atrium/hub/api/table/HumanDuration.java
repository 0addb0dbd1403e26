package dev.atrium.hub.api.table;

import java.time.Duration;

/**
 * Succinct human durations with ~2-3 significant figures, following the rules of apimachinery's
 * {@code duration.HumanDuration}: "5s", "3m2s", "15m", "4h", "2d3h", "400d", "3y20d", "9y".
 */
public final class HumanDuration {

  private static final long HOURS_PER_YEAR = 24L * 365;

  private HumanDuration() {}

  public static String format(Duration d) {
    long seconds = d.toMillis() / 1000; // truncates toward zero, like Go's int(d.Seconds())
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 60 * 2) {
      return seconds + "s";
    }
    return minutesOrMore(seconds);
  }

  private static String minutesOrMore(long seconds) {
    long minutes = seconds / 60;
    if (minutes < 10) {
      return withRemainder(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 60 * 3) {
      return minutes + "m";
    }
    return hoursOrMore(minutes / 60, minutes % 60);
  }

  private static String hoursOrMore(long hours, long minuteRemainder) {
    if (hours < 8) {
      return withRemainder(hours, "h", minuteRemainder, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      return withRemainder(hours / 24, "d", hours % 24, "h");
    }
    if (hours < HOURS_PER_YEAR * 2) {
      return hours / 24 + "d";
    }
    if (hours < HOURS_PER_YEAR * 8) {
      return withRemainder(hours / 24 / 365, "y", (hours / 24) % 365, "d");
    }
    return hours / 24 / 365 + "y";
  }

  private static String withRemainder(long major, String majorUnit, long minor, String minorUnit) {
    return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
  }
}
