package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The init-container pass of printPod: restart counts and whether the pod is initializing. */
final class InitProgress {

  private final PodSummary summary;
  private long restarts;
  private long restartableRestarts;
  private Instant lastRestart;
  private Instant restartableLastRestart;
  private boolean initializing;

  private InitProgress(PodSummary summary) {
    this.summary = summary;
  }

  static InitProgress scan(PodSummary summary, JsonNode pod) {
    InitProgress p = new InitProgress(summary);
    List<JsonNode> statuses = Fields.items(pod, "status", "initContainerStatuses");
    long declared = Fields.size(pod, "spec", "initContainers");
    for (int i = 0; i < statuses.size(); i++) {
      if (p.stopsAt(statuses.get(i), i, declared)) {
        break;
      }
    }
    return p;
  }

  boolean initializing() {
    return initializing;
  }

  long restarts() {
    return restarts;
  }

  long restartableRestarts() {
    return restartableRestarts;
  }

  Instant lastRestart() {
    return lastRestart;
  }

  Instant restartableLastRestart() {
    return restartableLastRestart;
  }

  /** Accounts for one init container; true when the scan stops here (it is not done). */
  private boolean stopsAt(JsonNode status, int index, long declared) {
    long count = Fields.number(status, "restartCount");
    boolean restartable = summary.isRestartableInit(Fields.text(status, "name"));
    restarts += count;
    lastRestart = PodSummary.later(lastRestart, status);
    if (restartable) {
      restartableRestarts += count;
      restartableLastRestart = PodSummary.later(restartableLastRestart, status);
    }
    JsonNode state = Fields.at(status, "state");
    if (Fields.present(state, "terminated")
        && Fields.number(state, "terminated", "exitCode") == 0) {
      return false;
    }
    if (restartable && Fields.flag(status, "started")) {
      if (Fields.flag(status, "ready")) {
        summary.countReady();
      }
      return false;
    }
    summary.setReason(blockedReason(state, index, declared));
    initializing = true;
    return true;
  }

  private static String blockedReason(JsonNode state, int index, long declared) {
    if (Fields.present(state, "terminated")) {
      String reason = Fields.text(state, "terminated", "reason");
      return reason.isEmpty()
          ? ExitReason.of(Fields.at(state, "terminated"), "Init:")
          : "Init:" + reason;
    }
    String waiting = Fields.text(state, "waiting", "reason");
    if (!waiting.isEmpty() && !waiting.equals("PodInitializing")) {
      return "Init:" + waiting;
    }
    return "Init:" + index + "/" + declared;
  }
}
