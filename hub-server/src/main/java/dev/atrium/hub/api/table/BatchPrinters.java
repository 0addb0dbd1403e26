package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Printers for batch/v1 Jobs and CronJobs. */
final class BatchPrinters {

  private BatchPrinters() {}

  static List<Object> job(ObjectNode job, Instant now) {
    List<Object> cells =
        Row.of(
            Fields.name(job),
            jobStatus(job),
            completions(job),
            duration(job, now),
            Times.age(job, now));
    cells.addAll(Containers.namesAndImages(AppsPrinters.podSpec(job)));
    cells.add(Selectors.formatLabelSelector(Fields.at(job, "spec", "selector")));
    return cells;
  }

  static List<Object> cronJob(ObjectNode cj, Instant now) {
    JsonNode jobSpec = Fields.at(cj, "spec", "jobTemplate", "spec");
    List<Object> cells =
        Row.of(
            Fields.name(cj),
            Fields.text(cj, "spec", "schedule"),
            Fields.textOr("<none>", cj, "spec", "timeZone"),
            Fields.flag(cj, "spec", "suspend") ? "True" : "False",
            Fields.size(cj, "status", "active"),
            lastSchedule(cj, now),
            Times.age(cj, now));
    cells.addAll(Containers.namesAndImages(Fields.at(jobSpec, "template", "spec")));
    cells.add(Selectors.formatLabelSelector(Fields.at(jobSpec, "selector")));
    return cells;
  }

  private static String lastSchedule(JsonNode cj, Instant now) {
    Optional<Instant> last = Times.instant(cj, "status", "lastScheduleTime");
    return last.isPresent() ? Times.since(last, now) : "<none>";
  }

  /** Kubernetes 1.33 order: Complete, Failed, Terminating, Suspended, FailureTarget, Running. */
  static String jobStatus(JsonNode job) {
    if (conditionTrue(job, "Complete")) {
      return "Complete";
    }
    if (conditionTrue(job, "Failed")) {
      return "Failed";
    }
    if (Fields.present(job, "metadata", "deletionTimestamp")) {
      return "Terminating";
    }
    if (conditionTrue(job, "Suspended")) {
      return "Suspended";
    }
    return conditionTrue(job, "FailureTarget") ? "FailureTarget" : "Running";
  }

  /** hasJobCondition: the first condition of that type decides. */
  private static boolean conditionTrue(JsonNode job, String type) {
    return Fields.items(job, "status", "conditions").stream()
        .filter(c -> Fields.text(c, "type").equals(type))
        .findFirst()
        .map(c -> Fields.text(c, "status").equals("True"))
        .orElse(false);
  }

  private static String completions(JsonNode job) {
    long succeeded = Fields.number(job, "status", "succeeded");
    Optional<Long> completions = Fields.optionalNumber(job, "spec", "completions");
    if (completions.isPresent()) {
      return succeeded + "/" + completions.get();
    }
    long parallelism = Fields.number(job, "spec", "parallelism");
    return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
  }

  private static String duration(JsonNode job, Instant now) {
    Optional<Instant> start = Times.instant(job, "status", "startTime");
    if (start.isEmpty()) {
      return "";
    }
    Instant end = Times.instant(job, "status", "completionTime").orElse(now);
    return HumanDuration.format(Duration.between(start.get(), end));
  }
}
