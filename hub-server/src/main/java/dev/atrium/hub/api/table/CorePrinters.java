package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Core-group printers for the simple kinds. */
final class CorePrinters {

  private CorePrinters() {}

  static List<Object> namespace(ObjectNode o, Instant now) {
    return Row.of(Fields.name(o), Fields.textOr("Active", o, "status", "phase"), Times.age(o, now));
  }

  static List<Object> configMap(ObjectNode o, Instant now) {
    long data = Fields.size(o, "data") + Fields.size(o, "binaryData");
    return Row.of(Fields.name(o), data, Times.age(o, now));
  }

  static List<Object> secret(ObjectNode o, Instant now) {
    String type = Fields.textOr("Opaque", o, "type");
    return Row.of(Fields.name(o), type, secretKeys(o), Times.age(o, now));
  }

  /** Keys of data, plus stringData keys the server would merge into data on write. */
  private static long secretKeys(ObjectNode o) {
    Set<String> keys = new HashSet<>();
    Fields.at(o, "data").fieldNames().forEachRemaining(keys::add);
    Fields.at(o, "stringData").fieldNames().forEachRemaining(keys::add);
    return keys.size();
  }

  static List<Object> serviceAccount(ObjectNode o, Instant now) {
    return Row.of(Fields.name(o), Fields.size(o, "secrets"), Times.age(o, now));
  }

  static List<Object> endpoints(ObjectNode o, Instant now) {
    return Row.of(Fields.name(o), EndpointsFormat.format(o), Times.age(o, now));
  }

  static List<Object> lease(ObjectNode o, Instant now) {
    return Row.of(Fields.name(o), Fields.text(o, "spec", "holderIdentity"), Times.age(o, now));
  }

  static List<Object> webhookConfiguration(ObjectNode o, Instant now) {
    return Row.of(Fields.name(o), Fields.size(o, "webhooks"), Times.age(o, now));
  }

  static List<Object> persistentVolumeClaim(ObjectNode o, Instant now) {
    String phase = Fields.text(o, "status", "phase");
    if (Fields.present(o, "metadata", "deletionTimestamp")) {
      phase = "Terminating";
    }
    String volume = Fields.text(o, "spec", "volumeName");
    boolean bound = !volume.isEmpty();
    return Row.of(
        Fields.name(o),
        phase,
        volume,
        bound ? Fields.text(o, "status", "capacity", "storage") : "",
        bound ? AccessModes.format(Fields.at(o, "status", "accessModes")) : "",
        storageClass(o),
        Fields.textOr("<unset>", o, "spec", "volumeAttributesClassName"),
        Times.age(o, now),
        Fields.textOr("<unset>", o, "spec", "volumeMode"));
  }

  private static String storageClass(JsonNode o) {
    String beta =
        Fields.text(o, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class");
    return beta.isEmpty() ? Fields.text(o, "spec", "storageClassName") : beta;
  }
}
