package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Timestamp parsing and the Age-style rendering kube-apiserver's printers use. */
final class Times {

  static final String UNKNOWN = "<unknown>";

  private Times() {}

  /** An RFC 3339 timestamp (Time or MicroTime) at this path, if present and valid. */
  static Optional<Instant> instant(JsonNode node, String... path) {
    String text = Fields.text(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** translateTimestampSince: "<unknown>" for a missing timestamp, else a human duration. */
  static String since(Optional<Instant> timestamp, Instant now) {
    return timestamp.map(t -> HumanDuration.format(Duration.between(t, now))).orElse(UNKNOWN);
  }

  static String since(Instant now, JsonNode node, String... path) {
    return since(instant(node, path), now);
  }

  /** The Age column: time since metadata.creationTimestamp. */
  static String age(JsonNode object, Instant now) {
    return since(now, object, "metadata", "creationTimestamp");
  }

  /** The default table convertor's "Created At" cell: RFC 3339 in UTC (Go's zero time if unset). */
  static String createdAt(JsonNode object) {
    return instant(object, "metadata", "creationTimestamp")
        .orElse(Instant.parse("0001-01-01T00:00:00Z"))
        .toString();
  }
}
