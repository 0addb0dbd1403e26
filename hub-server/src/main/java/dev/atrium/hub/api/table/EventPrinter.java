package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * printEvent for core/v1 and events.k8s.io/v1 Events (the latter renamed fields are read in their
 * place): Last Seen, Type, Reason, Object, Subobject, Source, Message, First Seen, Count, Name.
 */
final class EventPrinter {

  private EventPrinter() {}

  static List<Object> cells(ObjectNode e, Instant now) {
    JsonNode involved = first(e, "involvedObject", "regarding");
    String firstSeen = firstSeen(e, now);
    return Row.of(
        lastSeen(e, now, firstSeen),
        Fields.text(e, "type"),
        Fields.text(e, "reason"),
        target(involved),
        Fields.text(involved, "fieldPath"),
        source(e),
        first(e, "message", "note").asText("").strip(),
        firstSeen,
        count(e),
        Fields.name(e));
  }

  private static JsonNode first(JsonNode e, String coreField, String eventsField) {
    return Fields.present(e, coreField) ? Fields.at(e, coreField) : Fields.at(e, eventsField);
  }

  private static String firstSeen(JsonNode e, Instant now) {
    JsonNode first = first(e, "firstTimestamp", "deprecatedFirstTimestamp");
    if (!first.asText("").isEmpty()) {
      return Times.since(now, first);
    }
    return Times.since(now, e, "eventTime");
  }

  private static String lastSeen(JsonNode e, Instant now, String firstSeen) {
    if (Fields.present(e, "series")) {
      return Times.since(now, e, "series", "lastObservedTime");
    }
    JsonNode last = first(e, "lastTimestamp", "deprecatedLastTimestamp");
    return last.asText("").isEmpty() ? firstSeen : Times.since(now, last);
  }

  private static long count(JsonNode e) {
    if (Fields.present(e, "series")) {
      return Fields.number(e, "series", "count");
    }
    long count = first(e, "count", "deprecatedCount").asLong(0);
    return count == 0 ? 1 : count;
  }

  private static String target(JsonNode involved) {
    String kind = Fields.text(involved, "kind").toLowerCase(Locale.ROOT);
    String name = Fields.text(involved, "name");
    return name.isEmpty() ? kind : kind + "/" + name;
  }

  private static String source(JsonNode e) {
    JsonNode source = first(e, "source", "deprecatedSource");
    String controller = first(e, "reportingComponent", "reportingController").asText("");
    String component = Fields.textOr(controller, source, "component");
    String instance = Fields.textOr(Fields.text(e, "reportingInstance"), source, "host");
    return instance.isEmpty() ? component : component + ", " + instance;
  }
}
