package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Printers for apps/v1 kinds. */
final class AppsPrinters {

  private AppsPrinters() {}

  static List<Object> deployment(ObjectNode d, Instant now) {
    List<Object> cells =
        Row.of(
            Fields.name(d),
            Fields.number(d, "status", "readyReplicas") + "/" + desiredReplicas(d),
            Fields.number(d, "status", "updatedReplicas"),
            Fields.number(d, "status", "availableReplicas"),
            Times.age(d, now));
    cells.addAll(Containers.namesAndImages(podSpec(d)));
    cells.add(Selectors.selectorString(Fields.at(d, "spec", "selector")));
    return cells;
  }

  static List<Object> replicaSet(ObjectNode rs, Instant now) {
    List<Object> cells =
        Row.of(
            Fields.name(rs),
            desiredReplicas(rs),
            Fields.number(rs, "status", "replicas"),
            Fields.number(rs, "status", "readyReplicas"),
            Times.age(rs, now));
    cells.addAll(Containers.namesAndImages(podSpec(rs)));
    cells.add(Selectors.formatLabelSelector(Fields.at(rs, "spec", "selector")));
    return cells;
  }

  static List<Object> statefulSet(ObjectNode sts, Instant now) {
    String ready = Fields.number(sts, "status", "readyReplicas") + "/" + desiredReplicas(sts);
    List<Object> cells = Row.of(Fields.name(sts), ready, Times.age(sts, now));
    cells.addAll(Containers.namesAndImages(podSpec(sts)));
    return cells;
  }

  static List<Object> daemonSet(ObjectNode ds, Instant now) {
    JsonNode status = Fields.at(ds, "status");
    List<Object> cells =
        Row.of(
            Fields.name(ds),
            Fields.number(status, "desiredNumberScheduled"),
            Fields.number(status, "currentNumberScheduled"),
            Fields.number(status, "numberReady"),
            Fields.number(status, "updatedNumberScheduled"),
            Fields.number(status, "numberAvailable"),
            Selectors.formatLabels(Fields.at(podSpec(ds), "nodeSelector")),
            Times.age(ds, now));
    cells.addAll(Containers.namesAndImages(podSpec(ds)));
    cells.add(Selectors.formatLabelSelector(Fields.at(ds, "spec", "selector")));
    return cells;
  }

  static List<Object> controllerRevision(ObjectNode cr, Instant now) {
    return Row.of(
        Fields.name(cr), controllerName(cr), Fields.number(cr, "revision"), Times.age(cr, now));
  }

  /** "statefulset.apps/web" for the controller owner reference, "<none>" without one. */
  private static String controllerName(JsonNode object) {
    for (JsonNode ref : Fields.items(object, "metadata", "ownerReferences")) {
      if (Fields.flag(ref, "controller")) {
        return groupKind(ref).toLowerCase(Locale.ROOT) + "/" + Fields.text(ref, "name");
      }
    }
    return "<none>";
  }

  private static String groupKind(JsonNode ref) {
    String apiVersion = Fields.text(ref, "apiVersion");
    int slash = apiVersion.indexOf('/');
    String kind = Fields.text(ref, "kind");
    return slash < 0 ? kind : kind + "." + apiVersion.substring(0, slash);
  }

  /** spec.replicas; the API server defaults an omitted value to 1. */
  static long desiredReplicas(JsonNode object) {
    return Fields.optionalNumber(object, "spec", "replicas").orElse(1L);
  }

  static JsonNode podSpec(JsonNode object) {
    return Fields.at(object, "spec", "template", "spec");
  }
}
