package dev.atrium.hub.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** layoutContainerCells: comma-joined container names and images of a pod spec. */
final class Containers {

  private Containers() {}

  /** Names then images of {@code podSpec.containers}, each comma-joined. */
  static List<Object> namesAndImages(JsonNode podSpec) {
    List<JsonNode> containers = Fields.items(podSpec, "containers");
    String names = String.join(",", containers.stream().map(c -> Fields.text(c, "name")).toList());
    String images =
        String.join(",", containers.stream().map(c -> Fields.text(c, "image")).toList());
    return List.of(names, images);
  }
}
