package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** printService: Name, Type, Cluster-IP, External-IP, Port(s), Age, Selector. */
final class ServicePrinter {

  private static final String NONE = "<none>";

  private ServicePrinter() {}

  static List<Object> cells(ObjectNode svc, Instant now) {
    String type = Fields.textOr("ClusterIP", svc, "spec", "type");
    String ports = ports(Fields.items(svc, "spec", "ports"));
    return Row.of(
        Fields.name(svc),
        type,
        clusterIp(svc),
        externalIp(svc, type),
        ports.isEmpty() ? NONE : ports,
        Times.age(svc, now),
        Selectors.formatLabels(Fields.at(svc, "spec", "selector")));
  }

  private static String clusterIp(JsonNode svc) {
    List<String> ips = Fields.texts(svc, "spec", "clusterIPs");
    String ip = ips.isEmpty() ? Fields.text(svc, "spec", "clusterIP") : ips.get(0);
    return ip.isEmpty() ? NONE : ip;
  }

  /** getServiceExternalIP with wide output (kube-apiserver always renders wide tables). */
  private static String externalIp(JsonNode svc, String type) {
    List<String> external = Fields.texts(svc, "spec", "externalIPs");
    return switch (type) {
      case "ClusterIP", "NodePort" -> external.isEmpty() ? NONE : String.join(",", external);
      case "LoadBalancer" -> loadBalancerIp(svc, external);
      case "ExternalName" -> Fields.text(svc, "spec", "externalName");
      default -> "<unknown>";
    };
  }

  private static String loadBalancerIp(JsonNode svc, List<String> external) {
    List<String> all = new ArrayList<>(loadBalancerIngress(Fields.at(svc, "status")));
    all.addAll(external);
    return all.isEmpty() ? "<pending>" : String.join(",", all);
  }

  /** Sorted, de-duplicated ip (or hostname) of each status.loadBalancer.ingress entry. */
  static List<String> loadBalancerIngress(JsonNode status) {
    TreeSet<String> result = new TreeSet<>();
    for (JsonNode ingress : Fields.items(status, "loadBalancer", "ingress")) {
      String value = Fields.textOr(Fields.text(ingress, "hostname"), ingress, "ip");
      if (!value.isEmpty()) {
        result.add(value);
      }
    }
    return List.copyOf(result);
  }

  private static String ports(List<JsonNode> ports) {
    List<String> pieces = new ArrayList<>();
    for (JsonNode port : ports) {
      String protocol = Fields.textOr("TCP", port, "protocol");
      long nodePort = Fields.number(port, "nodePort");
      String number = Long.toString(Fields.number(port, "port"));
      pieces.add(nodePort > 0 ? number + ":" + nodePort + "/" + protocol : number + "/" + protocol);
    }
    return String.join(",", pieces);
  }
}
