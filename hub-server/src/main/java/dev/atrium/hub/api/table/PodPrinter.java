package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** printPod: Name, Ready, Status, Restarts, Age, IP, Node, Nominated Node, Readiness Gates. */
final class PodPrinter {

  private static final String NONE = "<none>";

  private PodPrinter() {}

  static List<Object> cells(ObjectNode pod, Instant now) {
    PodSummary s = PodSummary.of(pod);
    List<Object> cells =
        Row.of(
            Fields.name(pod),
            s.ready() + "/" + s.total(),
            s.reason(),
            restarts(s, now),
            Times.age(pod, now));
    return Row.concat(cells, wide(pod));
  }

  private static String restarts(PodSummary s, Instant now) {
    if (s.restarts() != 0 && s.lastRestart() != null) {
      return s.restarts() + " (" + Times.since(Optional.of(s.lastRestart()), now) + " ago)";
    }
    return Long.toString(s.restarts());
  }

  private static List<Object> wide(ObjectNode pod) {
    return Row.of(
        podIp(pod),
        Fields.textOr(NONE, pod, "spec", "nodeName"),
        Fields.textOr(NONE, pod, "status", "nominatedNodeName"),
        readinessGates(pod));
  }

  private static String podIp(JsonNode pod) {
    List<JsonNode> ips = Fields.items(pod, "status", "podIPs");
    String ip = ips.isEmpty() ? Fields.text(pod, "status", "podIP") : Fields.text(ips.get(0), "ip");
    return ip.isEmpty() ? NONE : ip;
  }

  private static String readinessGates(JsonNode pod) {
    List<JsonNode> gates = Fields.items(pod, "spec", "readinessGates");
    if (gates.isEmpty()) {
      return NONE;
    }
    long satisfied = gates.stream().filter(g -> gateTrue(pod, g)).count();
    return satisfied + "/" + gates.size();
  }

  private static boolean gateTrue(JsonNode pod, JsonNode gate) {
    String type = Fields.text(gate, "conditionType");
    return Fields.items(pod, "status", "conditions").stream()
        .filter(c -> Fields.text(c, "type").equals(type))
        .findFirst()
        .map(c -> Fields.text(c, "status").equals("True"))
        .orElse(false);
  }
}
