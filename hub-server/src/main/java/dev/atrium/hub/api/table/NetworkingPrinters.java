package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Printers for networking.k8s.io/v1 kinds. */
final class NetworkingPrinters {

  private static final int MAX_HOSTS = 3;

  private NetworkingPrinters() {}

  static List<Object> ingress(ObjectNode ing, Instant now) {
    String ports = Fields.size(ing, "spec", "tls") > 0 ? "80, 443" : "80";
    return Row.of(
        Fields.name(ing),
        Fields.textOr("<none>", ing, "spec", "ingressClassName"),
        hosts(Fields.items(ing, "spec", "rules")),
        String.join(",", ServicePrinter.loadBalancerIngress(Fields.at(ing, "status"))),
        ports,
        Times.age(ing, now));
  }

  /** formatHosts: up to three rule hosts, "*" when none, then "+ N more...". */
  private static String hosts(List<JsonNode> rules) {
    List<String> hosts = new ArrayList<>();
    boolean more = false;
    for (JsonNode rule : rules) {
      more |= hosts.size() == MAX_HOSTS;
      String host = Fields.text(rule, "host");
      if (!more && !host.isEmpty()) {
        hosts.add(host);
      }
    }
    if (hosts.isEmpty()) {
      return "*";
    }
    String joined = String.join(",", hosts);
    return more ? joined + " + " + (rules.size() - MAX_HOSTS) + " more..." : joined;
  }

  static List<Object> ingressClass(ObjectNode ic, Instant now) {
    return Row.of(
        Fields.name(ic),
        Fields.text(ic, "spec", "controller"),
        parameters(Fields.at(ic, "spec", "parameters")),
        Times.age(ic, now));
  }

  private static String parameters(JsonNode params) {
    if (params.isMissingNode() || params.isNull()) {
      return "<none>";
    }
    String kind = Fields.text(params, "kind");
    if (Fields.present(params, "apiGroup")) {
      kind = kind + "." + Fields.text(params, "apiGroup");
    }
    return kind + "/" + Fields.text(params, "name");
  }

  static List<Object> networkPolicy(ObjectNode np, Instant now) {
    return Row.of(
        Fields.name(np),
        Selectors.formatLabelSelector(Fields.at(np, "spec", "podSelector")),
        Times.age(np, now));
  }
}
