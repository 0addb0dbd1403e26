package dev.atrium.hub.api.codec;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The JSON text of metav1.Time, metav1.MicroTime and metav1.Duration, as Go writes it. */
final class ProtobufTimes {

  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RFC3339_MICRO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;

  private ProtobufTimes() {}

  /** metav1.Time: whole seconds, UTC ({@code 2024-01-02T03:04:05Z}). */
  static String time(long seconds) {
    return RFC3339.format(Instant.ofEpochSecond(seconds));
  }

  /** metav1.MicroTime: six fractional digits, UTC ({@code 2024-01-02T03:04:05.123456Z}). */
  static String microTime(long seconds, int nanos) {
    return RFC3339_MICRO.format(
        Instant.ofEpochSecond(seconds, nanos).truncatedTo(ChronoUnit.MICROS));
  }

  /** metav1.Duration: Go's {@code time.Duration.String()}, e.g. {@code 1h2m3.5s}, {@code 1.5ms}. */
  static String duration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long abs = Math.abs(nanos);
    return sign + (abs < SECOND ? subSecond(abs) : hoursMinutesSeconds(abs));
  }

  private static String subSecond(long nanos) {
    if (nanos < 1_000) {
      return nanos + "ns";
    }
    if (nanos < 1_000_000) {
      return fraction(nanos, 3) + "µs";
    }
    return fraction(nanos, 6) + "ms";
  }

  private static String hoursMinutesSeconds(long nanos) {
    long hours = nanos / HOUR;
    long minutes = nanos % HOUR / MINUTE;
    String seconds = fraction(nanos % MINUTE, 9) + "s";
    if (hours > 0) {
      return hours + "h" + minutes + "m" + seconds;
    }
    return minutes > 0 ? minutes + "m" + seconds : seconds;
  }

  private static String fraction(long value, int scale) {
    return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
  }
}
