package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Ready, Status and Restarts figures of a pod, computed the way kube-apiserver's printPod does:
 * init containers first, then app containers in reverse, then deletion overrides.
 */
final class PodSummary {

  private final JsonNode pod;
  private final Set<String> restartableInit = new HashSet<>();
  private String reason;
  private long restarts;
  private long ready;
  private long total;
  private Instant lastRestart;

  private PodSummary(JsonNode pod) {
    this.pod = pod;
  }

  static PodSummary of(JsonNode pod) {
    PodSummary s = new PodSummary(pod);
    s.compute();
    return s;
  }

  String reason() {
    return reason;
  }

  long restarts() {
    return restarts;
  }

  long ready() {
    return ready;
  }

  long total() {
    return total;
  }

  /** Latest lastState.terminated.finishedAt among the counted containers, or null. */
  Instant lastRestart() {
    return lastRestart;
  }

  private void compute() {
    reason = initialReason();
    total = Fields.size(pod, "spec", "containers") + countRestartableInit();
    InitProgress init = InitProgress.scan(this, pod);
    if (!init.initializing() || conditionTrue("Initialized")) {
      restarts = init.restartableRestarts();
      lastRestart = init.restartableLastRestart();
      scanAppContainers();
    } else {
      restarts = init.restarts();
      lastRestart = init.lastRestart();
    }
    applyDeletion();
  }

  private String initialReason() {
    String phase = Fields.textOr("Pending", pod, "status", "phase");
    String result = Fields.textOr(phase, pod, "status", "reason");
    for (JsonNode c : Fields.items(pod, "status", "conditions")) {
      if (Fields.text(c, "type").equals("PodScheduled")
          && Fields.text(c, "reason").equals("SchedulingGated")) {
        result = "SchedulingGated";
      }
    }
    return result;
  }

  private long countRestartableInit() {
    for (JsonNode c : Fields.items(pod, "spec", "initContainers")) {
      if (Fields.text(c, "restartPolicy").equals("Always")) {
        restartableInit.add(Fields.text(c, "name"));
      }
    }
    return restartableInit.size();
  }

  boolean isRestartableInit(String name) {
    return restartableInit.contains(name);
  }

  void setReason(String reason) {
    this.reason = reason;
  }

  void countReady() {
    ready++;
  }

  private void scanAppContainers() {
    List<JsonNode> statuses = Fields.items(pod, "status", "containerStatuses");
    boolean hasRunning = false;
    for (int i = statuses.size() - 1; i >= 0; i--) {
      JsonNode status = statuses.get(i);
      restarts += Fields.number(status, "restartCount");
      lastRestart = later(lastRestart, status);
      hasRunning |= applyAppState(status);
    }
    if (reason.equals("Completed") && hasRunning) {
      reason = conditionTrue("Ready") ? "Running" : "NotReady";
    }
  }

  /** Updates the reason from one app container; true when it is ready and running. */
  private boolean applyAppState(JsonNode status) {
    JsonNode state = Fields.at(status, "state");
    String waiting = Fields.text(state, "waiting", "reason");
    String terminated = Fields.text(state, "terminated", "reason");
    if (!waiting.isEmpty()) {
      reason = waiting;
    } else if (!terminated.isEmpty()) {
      reason = terminated;
    } else if (Fields.present(state, "terminated")) {
      reason = ExitReason.of(Fields.at(state, "terminated"), "");
    } else if (Fields.flag(status, "ready") && Fields.present(state, "running")) {
      ready++;
      return true;
    }
    return false;
  }

  private void applyDeletion() {
    if (!Fields.present(pod, "metadata", "deletionTimestamp")) {
      return;
    }
    String phase = Fields.text(pod, "status", "phase");
    if (Fields.text(pod, "status", "reason").equals("NodeLost")) {
      reason = "Unknown";
    } else if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
      reason = "Terminating";
    }
  }

  boolean conditionTrue(String type) {
    return Fields.items(pod, "status", "conditions").stream()
        .anyMatch(
            c -> Fields.text(c, "type").equals(type) && Fields.text(c, "status").equals("True"));
  }

  /** The later of {@code current} and this container's last termination time. */
  static Instant later(Instant current, JsonNode containerStatus) {
    Instant finished =
        Times.instant(containerStatus, "lastState", "terminated", "finishedAt").orElse(null);
    if (finished == null || (current != null && !current.isBefore(finished))) {
      return current;
    }
    return finished;
  }
}
