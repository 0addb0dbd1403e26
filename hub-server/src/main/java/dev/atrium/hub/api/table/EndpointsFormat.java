package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** formatEndpoints: up to three "ip:port" (or bare ip) entries, then "+ N more...". */
final class EndpointsFormat {

  private static final int MAX = 3;

  private final List<String> shown = new ArrayList<>();
  private int count;

  private EndpointsFormat() {}

  static String format(JsonNode endpoints) {
    List<JsonNode> subsets = Fields.items(endpoints, "subsets");
    if (subsets.isEmpty()) {
      return "<none>";
    }
    EndpointsFormat f = new EndpointsFormat();
    subsets.forEach(f::addSubset);
    return f.render();
  }

  private void addSubset(JsonNode subset) {
    List<JsonNode> addresses = Fields.items(subset, "addresses");
    List<JsonNode> ports = Fields.items(subset, "ports");
    if (ports.isEmpty()) {
      addresses.forEach(a -> add(Fields.text(a, "ip")));
      return;
    }
    for (JsonNode port : ports) {
      addresses.forEach(a -> add(hostPort(Fields.text(a, "ip"), Fields.number(port, "port"))));
    }
  }

  private static String hostPort(String ip, long port) {
    return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
  }

  private void add(String entry) {
    count++;
    if (shown.size() < MAX) {
      shown.add(entry);
    }
  }

  private String render() {
    String joined = String.join(",", shown);
    return count > MAX ? joined + " + " + (count - MAX) + " more..." : joined;
  }
}
